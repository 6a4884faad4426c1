/* The API table (analyzer/knowledge/api.c): sorted for fl_api_find's binary search,
 * every entry citing its documentation page, and the IRQL and context
 * columns consistent with themselves. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "knowledge/api.h"
#include "suites.h"

START_TEST(test_sorted_and_documented)
{
	unsigned count;
	const struct fl_api *all = fl_api_all(&count);
	ck_assert_uint_gt(count, 100);
	for (unsigned i = 0; i < count; i++) {
		ck_assert_msg(all[i].doc && all[i].doc[0], "%s has no documentation page", all[i].name);
		ck_assert_msg(strchr(all[i].doc, '/') != NULL, "%s: doc '%s' is not a DDI path", all[i].name, all[i].doc);
		if (i > 0)
			ck_assert_msg(strcmp(all[i - 1].name, all[i].name) < 0, "%s and %s are out of order (or twice)",
				      all[i - 1].name, all[i].name);
		ck_assert_ptr_eq(fl_api_find(all[i].name), &all[i]);
	}
	ck_assert_ptr_null(fl_api_find("FltNoSuchRoutine"));
	ck_assert_ptr_null(fl_api_find(NULL));
}
END_TEST

START_TEST(test_irql_columns)
{
	unsigned count;
	const struct fl_api *all = fl_api_all(&count);
	for (unsigned i = 0; i < count; i++) {
		const struct fl_api *api = &all[i];
		ck_assert_msg(api->max_irql == FL_IRQL_UNKNOWN || (api->max_irql >= 0 && api->max_irql <= FL_IRQL_HIGH),
			      "%s: max IRQL %d", api->name, api->max_irql);
		if (api->irql_effect == FL_IRQL_EFFECT_RAISE)
			ck_assert_msg(api->raises_to > 0 || api->raises_to == FL_IRQL_FROM_ARG, "%s raises to nothing",
				      api->name);
		if (api->apc_if_paged)
			ck_assert_msg(api->pool_arg != FL_NO_ARG || api->context_op == FL_CONTEXT_OP_RELEASE ||
					      strcmp(api->name, "FltReleaseContexts") == 0,
				      "%s: paged condition with nothing to judge it by", api->name);
	}
	/* Facts the IRQL rules rest on (domain.md, DDI req.irql). */
	ck_assert_int_eq(fl_api_find("FltCreateFile")->max_irql, FL_IRQL_PASSIVE);
	ck_assert_int_eq(fl_api_find("FltQueryInformationFile")->max_irql, FL_IRQL_PASSIVE);
	ck_assert_int_eq(fl_api_find("FltGetFileNameInformation")->max_irql, FL_IRQL_APC);
	ck_assert_int_eq(fl_api_find("FltAllocateContext")->max_irql, FL_IRQL_APC);
	ck_assert_int_eq(fl_api_find("FltReferenceContext")->max_irql, FL_IRQL_DISPATCH);
	const struct fl_api *release = fl_api_find("FltReleaseContext");
	ck_assert_int_eq(release->max_irql, FL_IRQL_DISPATCH);
	ck_assert(release->apc_if_paged);
	ck_assert_int_eq(fl_api_find("KfAcquireSpinLock")->irql_effect, FL_IRQL_EFFECT_RAISE);
	ck_assert_int_eq(fl_api_find("KeReleaseInStackQueuedSpinLock")->irql_effect, FL_IRQL_EFFECT_LOWER);
	/* The columns other rules read are still there. */
	ck_assert_int_eq(fl_api_find("ZwCreateFile")->attributes_arg, 2);
	ck_assert_int_eq(fl_api_find("FltAllocateContext")->pool_arg, 3);
	ck_assert_int_eq(fl_api_find("FltQueueDeferredIoWorkItem")->callbacks[0].kind, FL_API_CALLBACK_WORK_ITEM);
}
END_TEST

START_TEST(test_context_columns)
{
	unsigned count;
	const struct fl_api *all = fl_api_all(&count);
	for (unsigned i = 0; i < count; i++) {
		const struct fl_api *api = &all[i];
		if (api->context_op == FL_CONTEXT_OP_NONE)
			continue;
		ck_assert_msg(api->context_arg >= 0 && api->context_arg < 6, "%s: context argument %d", api->name,
			      api->context_arg);
		if (api->context_op == FL_CONTEXT_OP_GET || api->context_op == FL_CONTEXT_OP_SET)
			ck_assert_msg(api->context_type > 0 && (api->context_type & (api->context_type - 1)) == 0,
				      "%s: context type %#x", api->name, api->context_type);
	}
	ck_assert_int_eq(fl_api_find("FltGetStreamContext")->context_op, FL_CONTEXT_OP_GET);
	ck_assert_int_eq(fl_api_find("FltGetStreamContext")->context_arg, 2);
	ck_assert_int_eq(fl_api_find("FltGetInstanceContext")->context_arg, 1);
	ck_assert_int_eq(fl_api_find("FltSetVolumeContext")->context_arg, 3);
	ck_assert_int_eq(fl_api_find("FltSetStreamContext")->context_arg, 4);
	ck_assert_int_eq(fl_api_find("FltAllocateContext")->context_op, FL_CONTEXT_OP_ALLOCATE);
	ck_assert_int_eq(fl_api_find("FltAllocateContext")->context_arg, 4);
}
END_TEST

/* The bar: an entry for every WDK function real minifilters call
 * (tests/data/minifilter-functions.txt: one name a line, `#` comments). */
START_TEST(test_covers_api_surface)
{
	const char *path = FL_SOURCE_DIR "/tests/data/minifilter-functions.txt";
	FILE *file = fopen(path, "r");
	ck_assert_msg(file != NULL, "cannot open %s", path);
	char line[512];
	unsigned names = 0, missing = 0;
	while (fgets(line, sizeof(line), file)) {
		char name[256], extra[8];
		if (line[0] == '#' || sscanf(line, "%255s %7s", name, extra) != 1)
			continue;
		names++;
		if (!fl_api_find(name)) {
			fprintf(stderr, "api table: no entry for %s\n", name);
			missing++;
		}
	}
	fclose(file);
	ck_assert_uint_gt(names, 100); /* the list was found and read */
	ck_assert_msg(missing == 0, "%u of %u functions in %s have no entry", missing, names, path);
}
END_TEST

Suite *fl_api_suite(void)
{
	Suite *suite = suite_create("api");
	TCase *table = tcase_create("table");
	tcase_add_test(table, test_sorted_and_documented);
	tcase_add_test(table, test_irql_columns);
	tcase_add_test(table, test_context_columns);
	tcase_add_test(table, test_covers_api_surface);
	suite_add_tcase(suite, table);
	return suite;
}

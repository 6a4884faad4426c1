/* `fltlint --stack`: where each minifilter instance of the given INFs lands.
 *
 * Filter Manager orders the instances on a volume by altitude, highest at the
 * top of the frame (furthest from the file system), and refuses a second
 * instance at an altitude already taken (STATUS_FLT_INSTANCE_ALTITUDE_COLLISION,
 * DDI fltattachvolumeataltitude).  The same instance written under both the
 * `Instances` and `Parameters\Instances` layouts is shown once, also when
 * each layout has its own ServiceInstall section for the same service name
 * (Microsoft's samples: one for Windows 11 24H2 and later, one downlevel):
 * that is one filter installed either way.
 */
#include "inf/inf.h"

#include <stdlib.h>
#include <string.h>

struct fl_stack_row {
	const struct fl_inf *inf;
	const struct fl_inf_service *service;
	const struct fl_inf_instance *instance;
	bool is_default;
	bool both_layouts;
};

static int fl_stack_row_cmp(const void *left, const void *right)
{
	const struct fl_stack_row *a = left, *b = right;
	bool va = fl_inf_altitude_valid(a->instance->altitude.text);
	bool vb = fl_inf_altitude_valid(b->instance->altitude.text);
	if (va != vb)
		return va ? -1 : 1; /* unplaced instances last */
	int order = va ? -fl_inf_altitude_compare(a->instance->altitude.text, b->instance->altitude.text) : 0;
	if (!order)
		order = strcmp(a->inf->path, b->inf->path);
	if (!order)
		order = strcmp(a->service->name, b->service->name);
	if (!order)
		order = strcmp(a->instance->name, b->instance->name);
	if (!order)
		order = (int)a->instance->layout - (int)b->instance->layout;
	return order;
}

static bool fl_same_text(const char *a, const char *b)
{
	return a && b ? fl_str_iequal(a, b) : a == b;
}

/* Whether the service names this instance as its default in its layout. */
static bool fl_is_default(const struct fl_inf_service *service, const struct fl_inf_instance *instance)
{
	const char *name = service->default_instance[instance->layout].text;
	return name && fl_str_iequal(name, instance->name);
}

/* Whether an earlier minifilter service of `inf` has `service`'s name: the
 * same filter, installed by another section. */
static bool fl_service_seen(const struct fl_inf *inf, const struct fl_inf_service *service)
{
	for (const struct fl_inf_service *other = inf->services; other < service; other++)
		if (other->is_minifilter && fl_str_iequal(other->name, service->name))
			return true;
	return false;
}

static size_t fl_max(size_t a, size_t b)
{
	return a > b ? a : b;
}

int fl_inf_print_stack(FILE *out, struct fl_inf *const *infs, size_t count)
{
	struct fl_stack_row *rows = NULL;
	size_t row_count = 0, capacity = 0, filters = 0;
	for (size_t i = 0; i < count; i++) {
		for (size_t s = 0; infs[i] && s < infs[i]->service_count; s++) {
			const struct fl_inf_service *service = &infs[i]->services[s];
			if (!service->is_minifilter)
				continue;
			if (!fl_service_seen(infs[i], service))
				filters++;
			for (size_t k = 0; k < service->instance_count; k++) {
				const struct fl_inf_instance *instance = &service->instances[k];
				/* The other layout's copy of an instance, same altitude: shown once. */
				bool duplicate = false;
				for (size_t r = 0; r < row_count && !duplicate; r++) {
					struct fl_stack_row *row = &rows[r];
					if (row->inf == infs[i] && fl_str_iequal(row->service->name, service->name) &&
					    fl_str_iequal(row->instance->name, instance->name) &&
					    fl_same_text(row->instance->altitude.text, instance->altitude.text)) {
						row->both_layouts = duplicate = true;
						row->is_default |= fl_is_default(service, instance);
					}
				}
				if (duplicate)
					continue;
				FL_GROW(rows, capacity, row_count + 1);
				rows[row_count++] = (struct fl_stack_row){
					.inf = infs[i],
					.service = service,
					.instance = instance,
					.is_default = fl_is_default(service, instance),
				};
			}
		}
	}
	if (row_count > 1)
		qsort(rows, row_count, sizeof(*rows), fl_stack_row_cmp);

	const char *headers[] = { "ALTITUDE", "LOAD ORDER GROUP", "SERVICE", "INSTANCE", "FLAGS" };
	size_t width[5];
	for (size_t c = 0; c < 5; c++)
		width[c] = strlen(headers[c]);
	for (size_t r = 0; r < row_count; r++) {
		const struct fl_stack_row *row = &rows[r];
		const char *group = row->service->load_order_group.text;
		width[0] = fl_max(width[0], strlen(row->instance->altitude.text ? row->instance->altitude.text : "(none)"));
		width[1] = fl_max(width[1], strlen(group ? group : "(none)"));
		width[2] = fl_max(width[2], strlen(row->service->name));
		width[3] = fl_max(width[3], strlen(row->instance->name) + (row->is_default ? 2 : 0));
		width[4] = fl_max(width[4], strlen(row->instance->flags.text ? row->instance->flags.text : "-"));
	}

	fprintf(out, "Filter Manager order of %zu instance%s of %zu minifilter%s from %zu INF file%s, "
		     "top of the frame first:\n\n",
		row_count, row_count == 1 ? "" : "s", filters, filters == 1 ? "" : "s", count,
		count == 1 ? "" : "s");
	fprintf(out, "  %-*s  %-*s  %-*s  %-*s  %-*s  %s\n", (int)width[0], headers[0], (int)width[1], headers[1],
		(int)width[2], headers[2], (int)width[3], headers[3], (int)width[4], headers[4], "DEFINED AT");
	bool unplaced_heading = false, any_default = false, any_collision = false;
	for (size_t r = 0; r < row_count; r++) {
		const struct fl_stack_row *row = &rows[r];
		const struct fl_inf_instance *instance = row->instance;
		bool placed = fl_inf_altitude_valid(instance->altitude.text);
		if (!placed && !unplaced_heading) {
			fprintf(out, "\n  not placed (no valid altitude):\n");
			unplaced_heading = true;
		}
		char *name = fl_xasprintf("%s%s", instance->name, row->is_default ? " *" : "");
		const char *group = row->service->load_order_group.text;
		fprintf(out, "  %-*s  %-*s  %-*s  %-*s  %-*s  %s:%u", (int)width[0],
			instance->altitude.text ? instance->altitude.text : "(none)", (int)width[1],
			group ? group : "(none)", (int)width[2], row->service->name, (int)width[3], name,
			(int)width[4], instance->flags.text ? instance->flags.text : "-", row->inf->path,
			instance->altitude.text ? instance->altitude.line : instance->line);
		free(name);
		if (!row->both_layouts)
			fprintf(out, " (%s only)", fl_inf_layout_name(instance->layout));
		bool collides = false;
		for (size_t o = 0; placed && o < row_count; o++)
			collides |= o != r && fl_inf_altitude_valid(rows[o].instance->altitude.text) &&
				    fl_inf_altitude_compare(rows[o].instance->altitude.text, instance->altitude.text) == 0;
		if (collides)
			fputs("  <- altitude collision", out);
		fputc('\n', out);
		any_default |= row->is_default;
		any_collision |= collides;
	}
	if (row_count == 0)
		fputs("  (no minifilter instances found)\n", out);
	fputc('\n', out);
	if (any_default)
		fputs("  * the service's DefaultInstance\n", out);
	fputs("  flags: 0x1 no automatic attachment, 0x2 no manual attachment\n", out);
	if (any_collision)
		fputs("  altitude collision: Filter Manager attaches only one instance at an altitude on a volume\n",
		      out);
	fputs("  one frame is assumed: a legacy filter loaded between these minifilters would split them\n", out);
	free(rows);
	return ferror(out) ? -1 : 0;
}

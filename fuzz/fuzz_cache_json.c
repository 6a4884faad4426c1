/* The cache's own JSON reader against jansson's: on any input both refuse,
 * or both give equal values (the cache's reader also refuses real numbers,
 * which jansson takes). */
#include "fuzz.h"

#include <jansson.h>

#include "parse/cache_json.h"

/* Whether `json` holds a real number anywhere. */
static int fl_has_real(const json_t *json)
{
	const char *key;
	const json_t *member;
	size_t index;
	switch (json_typeof(json)) {
	case JSON_REAL:
		return 1;
	case JSON_OBJECT:
		json_object_foreach((json_t *)json, key, member)
			if (fl_has_real(member))
				return 1;
		return 0;
	case JSON_ARRAY:
		json_array_foreach(json, index, member)
			if (fl_has_real(member))
				return 1;
		return 0;
	default:
		return 0;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t error;
	json_t *expected = json_loadb((const char *)data, size, 0, &error);
	json_t *decoded = fl_cache_json_load((const char *)data, size);
	if (expected && !fl_has_real(expected) ? !decoded || !json_equal(decoded, expected) : decoded != NULL)
		abort();
	json_decref(expected);
	json_decref(decoded);
	return 0;
}

/* The facts reader (worker output, cache entries, shard files): anything
 * malformed is refused with a message, never trusted; what it accepts the
 * writer reproduces, and that form reads and writes back the same (the
 * compact encoding: file table, defaults left out, positional records). */
#include "fuzz.h"

#include <jansson.h>
#include <string.h>

#include "facts/facts_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t error;
	json_t *json = json_loadb((const char *)data, size, 0, &error);
	if (!json)
		return 0;
	char *problem = NULL;
	struct fl_tu_facts *facts = fl_facts_from_json(json, &problem);
	if (!facts && !problem)
		abort(); /* a refusal says why */
	if (facts) {
		json_t *again = fl_facts_to_json(facts);
		char *more = NULL;
		struct fl_tu_facts *twice = fl_facts_from_json(again, &more);
		if (!twice)
			abort(); /* what the reader accepts, the writer must reproduce */
		json_t *thrice = fl_facts_to_json(twice);
		if (!json_equal(again, thrice))
			abort(); /* the written form is a fixed point */
		json_decref(thrice);
		fl_tu_facts_free(twice);
		json_decref(again);
		free(more);
	}
	fl_tu_facts_free(facts);
	free(problem);
	json_decref(json);
	return 0;
}

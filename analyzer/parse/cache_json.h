/* The cache's JSON decoder: what json_loadb gives for the JSON the cache
 * writes, about four times faster.  speed: decoding entries was most of a
 * warm run, and jansson's reader takes its text a byte at a time through a
 * stream, each string through a growing buffer.
 *
 * Strict like json_loadb with no flags (an object or an array at the top,
 * nothing after it but white space, valid UTF-8, no NUL in a string, no
 * integer beyond json_int_t, nesting at most 2048 deep; a later duplicate
 * key wins), except that it refuses real numbers, which the cache never
 * writes: anything it refuses is a cache miss. */
#ifndef FL_CACHE_JSON_H
#define FL_CACHE_JSON_H

#include <jansson.h>
#include <stddef.h>

/* The value `text` holds, made with jansson's allocator; NULL when it is
 * not JSON as above. */
json_t *fl_cache_json_load(const char *text, size_t length);

#endif

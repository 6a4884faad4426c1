/* Drivers (drivers.h): a tree's units grouped by the DriverEntry they are
 * linked with. */
#include "link/drivers.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "inf/inf.h"
#include "util.h"

static bool fl_unit_defines_driver_entry(const struct fl_tu_facts *unit)
{
	for (size_t f = 0; f < unit->function_count; f++) {
		const struct fl_function *function = &unit->functions[f];
		if (strcmp(function->key, "DriverEntry") == 0 && strcmp(function->loc.file, unit->path) == 0)
			return true;
	}
	return false;
}

/* How many leading folders the folders of paths `a` and `b` share. */
static size_t fl_shared_folders(const char *a, const char *b)
{
	const char *a_end = strrchr(a, '/'), *b_end = strrchr(b, '/');
	size_t shared = 0;
	while (a_end && b_end && a < a_end && b < b_end) {
		size_t a_length = strcspn(a, "/"), b_length = strcspn(b, "/");
		if (a_length != b_length || strncmp(a, b, a_length) != 0)
			break;
		shared++;
		a += a_length + 1;
		b += b_length + 1;
	}
	return shared;
}

static void fl_driver_add(size_t **items, size_t *count, size_t index)
{
	*items = fl_xrealloc(*items, (*count + 1) * sizeof(**items));
	(*items)[(*count)++] = index;
}

/* Adds the file at `path` (unit or INF `index`) to every driver whose root
 * shares the most folders with it. */
static void fl_drivers_place(struct fl_drivers *drivers, const struct fl_program *whole, const size_t *roots,
			     const char *path, size_t index, bool is_inf)
{
	size_t best = 0;
	for (size_t d = 0; d < drivers->count; d++) {
		size_t shared = fl_shared_folders(path, whole->units[roots[d]].path);
		if (shared > best)
			best = shared;
	}
	for (size_t d = 0; d < drivers->count; d++) {
		if (fl_shared_folders(path, whole->units[roots[d]].path) != best)
			continue;
		struct fl_driver *driver = &drivers->items[d];
		if (is_inf)
			fl_driver_add(&driver->infs, &driver->inf_count, index);
		else
			fl_driver_add(&driver->units, &driver->unit_count, index);
	}
}

void fl_drivers_find(const struct fl_program *whole, struct fl_drivers *out)
{
	memset(out, 0, sizeof(*out));
	size_t *roots = fl_xcalloc(whole->unit_count + 1, sizeof(*roots));
	size_t root_count = 0;
	for (size_t u = 0; u < whole->unit_count; u++)
		if (fl_unit_defines_driver_entry(&whole->units[u]))
			roots[root_count++] = u;
	if (root_count > 1) {
		out->count = root_count;
		out->items = fl_xcalloc(root_count, sizeof(*out->items));
		for (size_t u = 0; u < whole->unit_count; u++)
			fl_drivers_place(out, whole, roots, whole->units[u].path, u, false);
		for (size_t i = 0; i < whole->inf_count; i++)
			fl_drivers_place(out, whole, roots, whole->infs[i]->path, i, true);
	}
	free(roots);
}

void fl_drivers_free(struct fl_drivers *drivers)
{
	for (size_t d = 0; d < drivers->count; d++) {
		free(drivers->items[d].units);
		free(drivers->items[d].infs);
	}
	free(drivers->items);
	memset(drivers, 0, sizeof(*drivers));
}

struct fl_program *fl_program_of_driver(const struct fl_program *whole, const struct fl_driver *driver)
{
	/* Shallow copies: the facts they point to stay the whole program's. */
	struct fl_tu_facts *units = fl_xcalloc(driver->unit_count + 1, sizeof(*units));
	for (size_t i = 0; i < driver->unit_count; i++)
		units[i] = whole->units[driver->units[i]];
	struct fl_inf **infs = fl_xcalloc(driver->inf_count + 1, sizeof(*infs));
	for (size_t i = 0; i < driver->inf_count; i++)
		infs[i] = whole->infs[driver->infs[i]];
	struct fl_program *program = fl_program_new(units, driver->unit_count, infs, driver->inf_count);
	program->borrowed = true;
	return program;
}

/* Drivers: the drivers one run's tree holds.
 *
 * A repository often holds several drivers side by side: Microsoft's samples,
 * a book's chapters, an agent's minifilter beside its process-notify driver.
 * Linked as one, their units would call each other's same-named functions
 * (every one has a DriverEntry, most an InstanceSetup), and rules would follow
 * chains no driver has.  So each unit that defines DriverEntry roots a driver,
 * and every other unit and INF goes to the driver whose root shares the
 * longest folder prefix with it (a helper in `filter/` belongs with the
 * `filter/` that defines DriverEntry); on a tie it goes to each of them, as
 * code shared by several drivers is compiled into each.  A tree with at most
 * one DriverEntry is one driver.  The rules then check one driver at a time.
 */
#ifndef FL_DRIVERS_H
#define FL_DRIVERS_H

#include <stddef.h>

#include "link/program.h"

struct fl_driver {
	size_t unit_count;
	size_t *units; /* indexes into the whole program's units */
	size_t inf_count;
	size_t *infs;  /* indexes into the whole program's INFs */
};

struct fl_drivers {
	size_t count;
	struct fl_driver *items;
};

/* The drivers of `whole`; none when it holds at most one DriverEntry (the
 * whole program is then the one driver). */
void fl_drivers_find(const struct fl_program *whole, struct fl_drivers *out);
void fl_drivers_free(struct fl_drivers *drivers);

/* One driver of `whole`, linked on its own.  It borrows the units and INFs
 * from `whole`, which must outlive it; fl_program_free releases only what
 * the link made. */
struct fl_program *fl_program_of_driver(const struct fl_program *whole, const struct fl_driver *driver);

#endif

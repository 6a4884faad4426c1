/* The INF rules' shared helpers (inf_rule.h). */
#include "inf_rule.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void fl_inf_each_minifilter(const struct fl_rule *rule, const struct fl_program *program,
			    struct fl_findings *out, void (*check)(const struct fl_inf_check *check))
{
	for (size_t i = 0; program && i < program->inf_count; i++) {
		const struct fl_inf *inf = program->infs[i];
		for (size_t s = 0; inf && s < inf->service_count; s++) {
			if (!inf->services[s].is_minifilter)
				continue;
			struct fl_inf_check context = { rule, out, inf, &inf->services[s] };
			check(&context);
		}
	}
}

struct fl_finding *fl_inf_report(const struct fl_inf_check *check, unsigned line, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	char *message = fl_xvasprintf(format, args);
	va_end(args);
	struct fl_loc loc = fl_inf_loc(check->inf, line);
	for (size_t i = 0; i < check->out->count; i++) {
		const struct fl_finding *seen = &check->out->items[i];
		if (seen->rule == check->rule->id && seen->loc.line == line && strcmp(seen->loc.file, loc.file) == 0 &&
		    strcmp(seen->message, message) == 0) {
			free(message);
			return NULL;
		}
	}
	struct fl_finding *finding = fl_report(check->out, check->rule, check->rule->severity, &loc, "%s", message);
	free(message);
	return finding;
}

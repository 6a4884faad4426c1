/* Every rule fltlint has, once.  Included with FL_RULE(name) defined; each
 * name refers to `fl_rule_<name>` defined in rules/<name>.c. */
FL_RULE(context_end)

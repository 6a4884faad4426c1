/* Every rule fltlint has, once.  Included with FL_RULE(name) defined; each
 * name refers to `fl_rule_<name>` defined in rules/<name>.c. */
FL_RULE(context_end)
FL_RULE(inf_altitude_missing)
FL_RULE(inf_altitude_format)
FL_RULE(inf_altitude_range)
FL_RULE(inf_sample_altitude)
FL_RULE(inf_reserved_group)
FL_RULE(inf_load_order_group)
FL_RULE(inf_service_type)
FL_RULE(inf_fltmgr_dependency)
FL_RULE(inf_default_instance)
FL_RULE(inf_instance_flags)
FL_RULE(kernel_handle)

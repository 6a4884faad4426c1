/* Visual Studio projects (.vcxproj) and solutions (.sln), read with
 * libxml2: the ClCompile items of one configuration and platform (default
 * Release|x64), their AdditionalIncludeDirectories, PreprocessorDefinitions
 * and ForcedIncludeFiles (item definitions and per-item metadata), the
 * $(...) macros the project itself defines or MSBuild always knows
 * ($(ProjectDir), $(SolutionDir), $(Configuration), $(Platform),
 * $(ProjectName), $(MSBuildThisFileDirectory)...), and the defines the WDK's
 * build adds implicitly for the platform and configuration.  Imports
 * (the WDK's .props) are not read: an include folder or define that needs
 * an unresolved macro is left out and named in `notes`. */
#ifndef FL_VCXPROJ_H
#define FL_VCXPROJ_H

#include "findings.h"
#include "sources/unit_args.h"

struct fl_vs_options {
	const char *configuration; /* NULL: Release */
	const char *platform;      /* NULL: x64 */
};

/* A .vcxproj, or every .vcxproj a .sln lists.  Returns 0 (sources in
 * `out`, problems with listed files as input errors, what was left out in
 * `notes`), or -1 with *error when the project cannot be read. */
int fl_vs_load(const char *path, const struct fl_vs_options *options, struct fl_unit_args_list *out,
	       struct fl_input_errors *errors, struct fl_strv *notes, char **error);

/* The defines the WDK's MSBuild targets add for a platform and
 * configuration, in -D form, beyond what every fltlint unit has. */
void fl_vs_implicit_defines(const char *configuration, const char *platform, struct fl_strv *out);

#endif

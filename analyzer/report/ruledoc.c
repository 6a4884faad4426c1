/* Rule pages (ruledoc.h). */
#include "report/ruledoc.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

const char *fl_rule_doc(const char *id)
{
	for (const struct fl_rule_doc *doc = fl_rule_docs; doc->id; doc++)
		if (strcmp(doc->id, id) == 0)
			return doc->text;
	return NULL;
}

char *fl_rule_doc_paragraph(const char *id, const char *title)
{
	const char *text = fl_rule_doc(id);
	if (!text)
		return NULL;
	char *heading = fl_xasprintf("\n## %s\n", title);
	const char *at = strstr(text, heading);
	size_t skip = strlen(heading);
	free(heading);
	if (!at)
		return NULL;
	const char *p = at + skip;
	while (*p == '\n')
		p++;
	const char *end = strstr(p, "\n\n");
	if (!end)
		end = p + strlen(p);
	/* One line: newlines become spaces. */
	char *paragraph = fl_xstrndup(p, (size_t)(end - p));
	for (char *c = paragraph; *c; c++)
		if (*c == '\n')
			*c = ' ';
	return paragraph;
}

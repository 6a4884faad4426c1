/* Rule pages (docs/rules/<id>.md), embedded at build time by
 * cmake/embed_rule_docs.cmake: --explain prints them, SARIF carries them as
 * each rule's help. */
#ifndef FL_RULEDOC_H
#define FL_RULEDOC_H

struct fl_rule_doc {
	const char *id;
	const char *text; /* Markdown */
};

/* Ends with {NULL, NULL}. */
extern const struct fl_rule_doc fl_rule_docs[];

/* The page of rule `id`, or NULL. */
const char *fl_rule_doc(const char *id);

/* The first paragraph of the page's section titled `title` ("## Why it
 * matters"), as plain text on one line (caller frees), or NULL. */
char *fl_rule_doc_paragraph(const char *id, const char *title);

#endif

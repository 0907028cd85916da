/*
 * pt_document.c — pt_document_parse(): the seeds' text export read into
 * projects and indicators, as 1.0 did, now through the document model
 * (pt_cells.h): the text-export reader (pt_read_text.c) yields the tables of
 * cells, the layout step (pt_layout.c) makes the projects.  Same results, same
 * errors, same lines.
 */
#include "pt_document.h"

#include <string.h>

#include "pt_cells.h"

int
pt_document_parse(const char *text, size_t len, bool lenient,
                  const pt_allocator *alloc, pt_document *out, pt_doc_error *err)
{
    pt_doc_error scratch;
    pt_read_request req;
    pt_cells_doc cells;

    if (err == NULL)
        err = &scratch;
    if (out != NULL)
        memset(out, 0, sizeof(*out));
    if (pt_read_text_export(text, len, lenient, alloc, &cells, err) != 0)
        return -1;
    memset(&req, 0, sizeof(req));
    req.lenient = lenient;
    req.source = pt_text(NULL, 0);
    req.only = PT_FORMAT_TEXT_EXPORT;
    return pt_layout(&cells, &req, alloc, out, err);
}

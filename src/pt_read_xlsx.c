/*
 * pt_read_xlsx.c — the .xlsx reader (see the contract at pt_read_xlsx() in
 * pt_cells.h).
 *
 * STUB: the reader is not written yet (issue 10, second engineer).  Until it
 * is, a .xlsx file is recognised (pt_detect_format) and routed here, and the
 * import fails with this error instead of a confusing one.
 */
#include "pt_cells.h"

int
pt_read_xlsx(const char *data, size_t len, const pt_allocator *alloc,
             pt_cells_doc *out, pt_doc_error *err)
{
    (void) data;
    (void) len;
    (void) alloc;
    if (out != NULL)
    {
        pt_cells_doc empty = {0};

        *out = empty;
    }
    pt_cells_fail(err, 0, "", 0, "reading .xlsx files is not supported yet",
                  "Save the document as CSV (UTF-8) and import that file.");
    if (err != NULL)
        err->code = PT_DOC_ERR_UNSUPPORTED;
    return -1;
}

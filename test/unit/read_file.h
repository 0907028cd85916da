/*
 * read_file.h — a fixture or seed file's bytes, for the unit programs of the
 * document readers (doc_check.h includes it).  The copy is exactly as long as
 * the file, so ASan catches a read past its end; a file that cannot be read
 * ends the program with status 2 (the setup is broken, not the code).
 */
#ifndef PT_TEST_READ_FILE_H
#define PT_TEST_READ_FILE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct buffer
{
    char       *data;           /* exactly len bytes (1 when empty), malloc'd */
    size_t      len;
} buffer;

static inline buffer
read_file(const char *path)
{
    static char chunk[1 << 16];
    FILE       *f = fopen(path, "rb");
    buffer      b = {NULL, 0};
    size_t      n;

    if (f == NULL)
    {
        printf("cannot open %s\n", path);
        exit(2);
    }
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
    {
        b.data = realloc(b.data, b.len + n);
        if (b.data == NULL)
            exit(2);
        memcpy(b.data + b.len, chunk, n);
        b.len += n;
    }
    fclose(f);
    if (b.data == NULL)
        b.data = malloc(1);
    return b;
}

/* dir/name */
static inline buffer
read_file_in(const char *dir, const char *name)
{
    char        path[4096];

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    return read_file(path);
}

#endif

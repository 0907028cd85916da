#!/usr/bin/env python3
"""Regenerates the seed corpora of fuzz_docx and fuzz_xlsx (committed files)
from the .docx and .xlsx fixtures of test/data/documents/ (made by
make_ooxml_fixtures.py):

  corpus/docx/   each .docx as it is, and its word/document.xml alone
  corpus/xlsx/   each .xlsx as it is, and its parts joined by NUL bytes in the
                 harness's order: sheet1, sharedStrings, styles, workbook, sheet2

Files larger than the targets' -max_len (64 KiB) are left out (the zip bombs).
File names are "seed-" + the first 16 hex digits of the content's SHA-1.
Usage: python3 test/fuzz/make_ooxml_corpus.py
"""
import hashlib
import io
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(os.path.dirname(HERE), 'data', 'documents')
MAX_LEN = 65536


def write_corpus(directory, items):
    os.makedirs(directory, exist_ok=True)
    for old in os.listdir(directory):
        if old.startswith('seed-'):
            os.remove(os.path.join(directory, old))
    seen = set()
    for data in items:
        if data in seen or len(data) > MAX_LEN:
            continue
        seen.add(data)
        with open(os.path.join(directory, 'seed-' + hashlib.sha1(data).hexdigest()[:16]), 'wb') as f:
            f.write(data)
    return len(seen)


def members(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return {i.filename: z.read(i.filename) for i in z.infolist() if i.file_size <= MAX_LEN}
    except zipfile.BadZipFile:
        return {}


def main():
    docx, xlsx = [], []
    for name in sorted(os.listdir(DOCS)):
        path = os.path.join(DOCS, name)
        with open(path, 'rb') as f:
            data = f.read()
        if name.endswith('.docx'):
            docx.append(data)
            m = members(data)
            if 'word/document.xml' in m:
                docx.append(m['word/document.xml'])
        elif name.endswith('.xlsx'):
            xlsx.append(data)
            m = members(data)
            sheets = sorted(k for k in m if k.startswith('xl/worksheets/'))
            if sheets:
                parts = [m.get(sheets[0], b''), m.get('xl/sharedStrings.xml', b''), m.get('xl/styles.xml', b''),
                         b'', m.get(sheets[1], b'') if len(sheets) > 1 else b'']
                xlsx.append(b'\0'.join(parts).rstrip(b'\0'))
    print('docx: %d seeds, xlsx: %d seeds' % (write_corpus(os.path.join(HERE, 'corpus', 'docx'), docx),
                                              write_corpus(os.path.join(HERE, 'corpus', 'xlsx'), xlsx)))


if __name__ == '__main__':
    main()

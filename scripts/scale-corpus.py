#!/usr/bin/env python3
"""Scaled copies of a corpus for scripts/bench.sh: SRC -> DEST holding FACTOR copies of every file.

Copy 1 is the original; copies 2..FACTOR are renamed (`name.cK.txt`) and have their paragraphs
shuffled and, inside each paragraph, their sentences shuffled, so that no two files are
byte-identical (an indexer cannot deduplicate them) while the vocabulary, the term statistics and
the passage sizes stay those of the real text. The header block (or front matter) is kept, so
dates and authors stay right. Deterministic: the same SRC and FACTOR give the same bytes.

usage: scale-corpus.py SRC DEST FACTOR
"""
import os
import random
import re
import sys

SENTENCE_END = re.compile(r'(?<=[.!?])\s+(?=["A-Z])')


def split_header(text):
    """(header, body): a leading `key: value` block or `---` front matter, and the rest."""
    if text.startswith('---\n'):
        end = text.find('\n---\n', 4)
        if end != -1:
            return text[:end + 5], text[end + 5:]
    lines = text.split('\n')
    i = 0
    while i < len(lines) and re.match(r'^[A-Za-z_][\w-]*:( |$)', lines[i]):
        i += 1
    if i > 0 and i < len(lines) and lines[i].strip() == '':
        return '\n'.join(lines[:i + 1]) + '\n', '\n'.join(lines[i + 1:])
    return '', text


def shuffled(body, rng):
    paragraphs = [p for p in re.split(r'\n\s*\n', body.strip()) if p.strip()]
    rng.shuffle(paragraphs)
    out = []
    for p in paragraphs:
        sentences = SENTENCE_END.split(p.strip())
        rng.shuffle(sentences)
        out.append(' '.join(sentences))
    return '\n\n'.join(out) + '\n'


def main():
    if len(sys.argv) != 4 or not sys.argv[3].isdigit() or int(sys.argv[3]) < 1:
        sys.exit(__doc__.strip().splitlines()[-1])
    src, dest, factor = sys.argv[1], sys.argv[2], int(sys.argv[3])
    names = sorted(n for n in os.listdir(src) if not n.startswith('.') and
                   os.path.isfile(os.path.join(src, n)))
    os.makedirs(dest, exist_ok=True)
    total = 0
    for name in names:
        with open(os.path.join(src, name), encoding='utf-8') as f:
            text = f.read()
        header, body = split_header(text)
        stem, ext = os.path.splitext(name)
        for copy in range(1, factor + 1):
            if copy == 1:
                out_name, data = name, text
            else:
                rng = random.Random(f'{name}#{copy}')
                out_name, data = f'{stem}.c{copy}{ext}', header + shuffled(body, rng)
            with open(os.path.join(dest, out_name), 'w', encoding='utf-8') as f:
                f.write(data)
            total += len(data.encode('utf-8'))
    print(f'scale-corpus: {len(names) * factor} files, {total / 1e6:.1f} MB in {dest}')


if __name__ == '__main__':
    main()

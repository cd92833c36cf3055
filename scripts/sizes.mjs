// Prints the size of every shipped file in dist/ — raw, gzip -9 and
// brotli -11 — and two totals: what the widget itself ships (wasm, its JS,
// styles, flows) and the whole site with the demo page.
//
//   node scripts/sizes.mjs [dist]

import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const root = process.argv[2] ?? 'dist';
// The demo page and its own script and styles are the host's, not the widget's.
const DEMO_ONLY = new Set(['index.html', 'demo.js', 'page.css']);

async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else out.push(path);
  }
  return out.sort();
}

const kib = (n) => (n / 1024).toFixed(1).padStart(8);
const rows = [];
for (const path of await files(root)) {
  const raw = await readFile(path);
  rows.push({
    name: relative(root, path),
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  });
}

const line = (name, r) => console.log(`${name.padEnd(32)}${kib(r.raw)}${kib(r.gzip)}${kib(r.brotli)}`);
const sum = (list) => list.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip, brotli: a.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });

console.log(`${'file (KiB)'.padEnd(32)}${'raw'.padStart(8)}${'gzip'.padStart(8)}${'brotli'.padStart(8)}`);
for (const r of rows) line(r.name, r);
console.log('-'.repeat(56));
line('widget total', sum(rows.filter((r) => !DEMO_ONLY.has(r.name))));
line('site total', sum(rows));

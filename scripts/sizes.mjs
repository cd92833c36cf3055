// Prints the size of every shipped file in dist/ — raw, gzip -9 and
// brotli -11 — and four totals: what the widget itself ships to a page
// that embeds it (wasm, its JS, styles, the built-in flow), what a page
// with the widget prerendered into it ships instead (the build that can
// hydrate), what the flow editor page adds for its authors (its page,
// script and the tools' wasm; it also loads the widget for its preview), and
// the whole site.
//
//   node scripts/sizes.mjs [dist] [--budget KiB] [--budget-prerendered KiB]
//
// With --budget, exits with status 1 when the widget total, brotli -11,
// is more than that many KiB (and with --budget-prerendered, when the
// prerendered page's total is), so CI catches a size regression. Node's
// brotli gives the same bytes for the same input on every run, so the
// check is deterministic. Its verdict goes to stderr; stdout stays the
// table, ending with the totals.

import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const args = process.argv.slice(2);
let root = 'dist';
/** The ceilings in KiB, brotli: the widget's total, the prerendered page's. */
const budgets = { widget: null, prerendered: null };
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--budget' || args[i] === '--budget-prerendered') {
    const kib = Number(args[i + 1]);
    if (!(kib > 0)) {
      console.error(`sizes.mjs: ${args[i]} needs a size in KiB, such as ${args[i]} 140`);
      process.exit(2);
    }
    budgets[args[i] === '--budget' ? 'widget' : 'prerendered'] = kib;
    i++;
  } else {
    root = args[i];
  }
}
// What a page that embeds the widget downloads (the README's snippets): the element, the wasm and
// its glue, the styles and the built-in flow. The flow editor's own files
// are loaded by editor.html alone and counted apart. Everything else in
// dist/ is the demo site (article page, iframe page, preview image, oEmbed,
// example flows).
const SHARED = ['embed.js', 'widget.css', 'isolation.css', 'flows/rag-vs-fine-tuning.json'];
const WIDGET = (name) => [...SHARED, 'decision_widget.js', 'decision_widget_bg.wasm'].includes(name);
// A page with the widget prerendered into it (the demo and iframe pages)
// loads the build that can hydrate instead.
const PRERENDERED = (name) => [...SHARED, 'decision_widget_hydrate.js', 'decision_widget_hydrate_bg.wasm'].includes(name);
const EDITOR = (name) => ['editor.html', 'editor.js', 'tools.js', 'tools_bg.wasm', 'editor.css'].includes(name);

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
const widget = sum(rows.filter((r) => WIDGET(r.name)));
const prerendered = sum(rows.filter((r) => PRERENDERED(r.name)));
line('widget total', widget);
line('prerendered page total', prerendered);
line('editor total (own files)', sum(rows.filter((r) => EDITOR(r.name))));
line('site total', sum(rows));

const shown = (n) => (n / 1024).toFixed(1);
let over = false;
for (const [what, total, kib] of [
  ['the widget ships', widget, budgets.widget],
  ['a page with prerendered markup loads', prerendered, budgets.prerendered],
]) {
  if (kib === null) continue;
  if (total.brotli > kib * 1024) {
    console.error(`size budget exceeded: ${what} ${shown(total.brotli)} KiB brotli, more than the budget of ${kib} KiB`);
    over = true;
  } else {
    console.error(`size budget kept: ${what} ${shown(total.brotli)} KiB brotli of ${kib} KiB`);
  }
}
if (over) process.exit(1);

// @ts-check
// The book in docs/ and the README hold together, without a built site:
// the generated pages are what scripts/book.mjs writes now, the README's
// snippets are the files the book includes and the other tests load, every
// {{#include}} and every link between pages resolves, the README stays
// short, and, where the pinned mdBook is installed, the book builds without
// a warning and without a broken link.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brokenLinks, generated } from '../../scripts/book.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(REPO, 'docs', 'src');
const read = (/** @type {string} */ path) => readFileSync(join(REPO, path), 'utf8');

/**
 * Every Markdown file under docs/src, by path from there.
 * @returns {string[]}
 */
function chapters(dir = SRC) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? chapters(join(dir, e.name)) : e.name.endsWith('.md') ? [relative(SRC, join(dir, e.name))] : [],
  );
}

test('the generated pages are what scripts/book.mjs writes', () => {
  for (const [path, text] of generated()) {
    assert.equal(read(path), text, `${path} is out of date: run node scripts/book.mjs`);
  }
});

test("the README's snippets are the book's snippet files", () => {
  const readme = read('README.md');
  const marks = [...readme.matchAll(/<!-- snippet: ([\w-]+) -->\n```\w+\n([\s\S]*?)```/g)];
  assert.ok(marks.length >= 2, 'the README shows the script and iframe snippets');
  for (const [, name, text] of marks) {
    assert.equal(text, read(`docs/snippets/${name}.html`), `README snippet ${name} differs from docs/snippets/${name}.html`);
  }
});

test('the README stays short and its links resolve', () => {
  const readme = read('README.md');
  assert.ok(readme.split('\n').length <= 250, `README.md has ${readme.split('\n').length} lines`);
  for (const [, target] of readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
    if (/^[a-z]+:/.test(target)) continue;
    assert.ok(existsSync(join(REPO, target)), `README links to ${target}, which does not exist`);
  }
});

test('every include and every link between chapters resolves, and every chapter is in the summary', () => {
  const summary = read('docs/src/SUMMARY.md');
  const listed = new Set([...summary.matchAll(/\]\(([^)]+\.md)\)/g)].map((m) => m[1]));
  /** Pages only included into others. */
  const included = new Set();
  for (const chapter of chapters()) {
    const text = readFileSync(join(SRC, chapter), 'utf8');
    for (const [, path, anchor] of text.matchAll(/(?<!\\)\{\{#include ([^}:\s]+)(?::([\w-]+))?\}\}/g)) {
      const target = join(SRC, dirname(chapter), path);
      assert.ok(existsSync(target), `${chapter} includes ${path}, which does not exist`);
      if (target.startsWith(SRC)) included.add(relative(SRC, target));
      if (anchor) assert.match(readFileSync(target, 'utf8'), new RegExp(`ANCHOR: ${anchor}\\b`), `${chapter}: no anchor ${anchor} in ${path}`);
    }
    // Links between chapters, outside code.
    const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
    for (const [, path] of prose.matchAll(/\]\(([^)#\s]+\.md)(?:#[^)]*)?\)/g)) {
      assert.ok(existsSync(join(SRC, dirname(chapter), path)), `${chapter} links to ${path}, which does not exist`);
    }
  }
  for (const chapter of chapters().filter((/** @type {string} */ c) => c !== 'SUMMARY.md' && !included.has(c))) {
    assert.ok(listed.has(chapter), `docs/src/${chapter} is not in SUMMARY.md`);
  }
  for (const path of listed) assert.ok(existsSync(join(SRC, path)), `SUMMARY.md lists ${path}, which does not exist`);
});

const MDBOOK_VERSION = read('scripts/lib.sh').match(/^MDBOOK_VERSION="([^"]+)"/m)?.[1];
const mdbook = spawnSync('mdbook', ['--version'], { encoding: 'utf8' });
const haveMdbook = mdbook.status === 0 && mdbook.stdout.trim() === `mdbook v${MDBOOK_VERSION}`;

test('the book builds without warnings and without broken links', { skip: !haveMdbook && `mdbook v${MDBOOK_VERSION} is not installed (ensure_mdbook in scripts/lib.sh)` }, () => {
  const out = mkdtempSync(join(tmpdir(), 'dw-book-'));
  try {
    const build = spawnSync('mdbook', ['build', join(REPO, 'docs'), '-d', out], { encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    const warnings = (build.stderr + build.stdout).split('\n').filter((l) => /\b(WARN|ERROR)\b/.test(l));
    assert.deepEqual(warnings, [], 'mdbook warned');
    assert.deepEqual(brokenLinks(out), []);
    // The live widget on Getting started, from beside the book.
    const start = readFileSync(join(out, 'getting-started.html'), 'utf8');
    assert.match(start, /<script type="module" src="\.\.\/embed\.js"><\/script>/);
    assert.match(start, /<decision-widget><\/decision-widget>/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

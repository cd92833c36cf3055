// @ts-check
// Stages the npm package (scripts/package.sh runs it, then `npm pack`):
//
//   node scripts/package.mjs --dist dist --out target/package/decision-widget --version 0.1.0 [--repository URL]
//
// The package is the widget's files from the release build (dist/) at its
// root, beside each other as embed.js expects them (it finds every file
// through its own URL), plus the hand-written files in npm/ (package.json,
// the types, the Custom Elements Manifest, the README, the command line in
// bin/), the CHANGELOG and the site generators' integrations/. Its
// package.json gets the crate's version (one source of truth) and, when the
// crate names one, its repository. The iframe page is the demo site's, so
// the links naming the demo site's address (canonical, oEmbed, the no-script
// link to the article) are taken out: a package serves any site.

import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SITE_URL } from './site.mjs';

/** The site's files a page or the editor loads, from dist/ (files and folders). */
export const WIDGET_FILES = [
  'embed.js',
  'embed.html',
  'embed-frame.js',
  'embed-host.js',
  'embed-page.css',
  'decision_widget.js',
  'decision_widget_bg.wasm',
  'decision_widget_hydrate.js',
  'decision_widget_hydrate_bg.wasm',
  'isolation.css',
  'widget.css',
  'tools.js',
  'tools_bg.wasm',
  'cli.js',
  'cli_bg.wasm',
  'editor.html',
  'editor.js',
  'editor.css',
  'page.css',
  'flow.schema.json',
  'flows',
  'lang',
];

/** The hand-written package files in npm/; bin/ holds the command line. */
const NPM_FILES = ['package.json', 'index.d.ts', 'custom-elements.json', 'README.md', 'bin'];

/** The integrations that ship in the package (WordPress's is a zip of its own). */
const INTEGRATIONS = ['hugo', 'jekyll', 'astro', 'eleventy'];

/** @param {string} path */
async function exists(path) {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The iframe page without the demo site's address: the canonical and oEmbed
 * links and the no-script sentence that links to the article.
 * @param {string} html
 */
export function siteFreeEmbedPage(html) {
  return html
    .replace(/\s*<link rel="alternate" type="application\/json\+oembed" href="https?:[^"]*"[^>]*>/, '')
    .replace(/\s*<link rel="canonical" href="https?:[^"]*">/, '')
    .replace(/\s*<a href="https?:[^"]*" target="_top">[^<]*<\/a>[^<]*/, '');
}

/**
 * Every file under `dir`, as paths relative to it.
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function walk(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

async function main() {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string', default: 'dist' },
      out: { type: 'string' },
      version: { type: 'string' },
      repository: { type: 'string' },
      root: { type: 'string', default: '.' },
    },
  });
  const { dist, out, version, repository, root } = values;
  if (!out || !version) throw new Error('usage: node scripts/package.mjs --dist DIR --out DIR --version X.Y.Z [--repository URL]');
  if (!/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(version)) throw new Error(`--version: not a semver version: ${version}`);

  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });

  const missing = [];
  for (const name of WIDGET_FILES) {
    if (await exists(join(dist, name))) await cp(join(dist, name), join(out, name), { recursive: true });
    else missing.push(join(dist, name));
  }
  if (missing.length) throw new Error(`the release build lacks ${missing.join(', ')} (run cargo xtask dist)`);

  for (const name of NPM_FILES) {
    const from = join(root, 'npm', name);
    if (await exists(from)) await cp(from, join(out, name), { recursive: true });
    else if (name !== 'bin') throw new Error(`${from} is missing`);
  }
  const changelog = join(root, 'CHANGELOG.md');
  if (await exists(changelog)) await cp(changelog, join(out, 'CHANGELOG.md'));
  for (const name of INTEGRATIONS) {
    const from = join(root, 'integrations', name);
    if (await exists(from)) await cp(from, join(out, 'integrations', name), { recursive: true });
  }

  const manifestPath = join(out, 'package.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  manifest.version = version;
  if (repository) manifest.repository = { type: 'git', url: repository };
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2) + '\n');

  const embedPath = join(out, 'embed.html');
  await writeFile(embedPath, siteFreeEmbedPage(await readFile(embedPath, 'utf8')));

  // Nothing in the package may lead to the address the demo site was built for.
  const page = await readFile(embedPath, 'utf8');
  if (/rel="(canonical|alternate)"|target="_top"/.test(page)) {
    throw new Error(`${embedPath} still links to the demo site (the iframe page's links have changed: update siteFreeEmbedPage)`);
  }
  const leaks = [];
  for (const file of await walk(out)) {
    if (!/\.(html|js|css|json)$/.test(file)) continue;
    if ((await readFile(join(out, file), 'utf8')).includes(DEFAULT_SITE_URL)) leaks.push(file);
  }
  if (leaks.length) throw new Error(`the package names the demo site's address ${DEFAULT_SITE_URL} in ${leaks.join(', ')}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`package: ${error.message}`);
    process.exit(1);
  });
}

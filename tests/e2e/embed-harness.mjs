// Helpers for the embedding tests: the built widget (dist/) on one port and
// host pages on a second port, so every host is another origin. Host pages
// live in tests/e2e/hosts/ as templates: {{WIDGET}} becomes the widget's
// base URL and {{WIDGET_ORIGIN}} its origin. The widget server also serves
// the rendered hosts under /hosts/, for the tests that need a host on the
// widget's own origin. Response headers (a CSP) come from `policies`.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { DIST, WAIT } from './harness.mjs';
import { watchVisit } from './cms-visitor.mjs';
import { CHROMIUM, CHROMIUM_ARGS as LAUNCH_ARGS } from '../../scripts/chromium.mjs';

const HOSTS = fileURLToPath(new URL('./hosts/', import.meta.url));

/** Content-Security-Policy per host page path (templates as in the pages). */
export const policies = new Map();

export const env = { widget: null, host: null, widgetOrigin: null, hostOrigin: null, browser: null, dirs: [] };

function fill(text) {
  return text.replaceAll('{{WIDGET}}', env.widget).replaceAll('{{WIDGET_ORIGIN}}', env.widgetOrigin);
}

function headers(path) {
  const policy = policies.get(path.replace(/^\/hosts\//, '/'));
  return policy ? { 'Content-Security-Policy': fill(policy) } : {};
}

async function renderHosts(from, to) {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.isDirectory()) await renderHosts(join(from, entry.name), join(to, entry.name));
    else await writeFile(join(to, entry.name), fill(await readFile(join(from, entry.name), 'utf8')));
  }
}

/** Writes (or replaces) a host page at runtime, on both servers. */
export async function writeHost(name, html) {
  const [widgetDir, hostDir] = env.dirs;
  await writeFile(join(hostDir, name), fill(html));
  await writeFile(join(widgetDir, 'hosts', name), fill(html));
}

/** Starts both servers and the browser for this test file. */
export function useHosts() {
  before(async () => {
    assert.ok(existsSync(DIST + 'index.html'), `no built site in ${DIST}: run the release build first`);
    const widgetDir = await mkdtemp(join(tmpdir(), 'dw-widget-'));
    const hostDir = await mkdtemp(join(tmpdir(), 'dw-host-'));
    env.dirs = [widgetDir, hostDir];
    for (const name of await readdir(DIST)) await symlink(join(DIST, name), join(widgetDir, name));
    const widget = await serve({ root: widgetDir, port: 0, headers });
    const host = await serve({ root: hostDir, port: 0, headers });
    Object.assign(env, {
      widgetServer: widget.server,
      hostServer: host.server,
      widget: widget.url,
      host: host.url,
      widgetOrigin: new URL(widget.url).origin,
      hostOrigin: new URL(host.url).origin,
    });
    assert.notEqual(env.widgetOrigin, env.hostOrigin);
    // Chromium asks each origin for a favicon once; answer it.
    await writeFile(join(hostDir, 'favicon.ico'), '');
    await writeFile(join(widgetDir, 'favicon.ico'), '');
    await renderHosts(HOSTS, hostDir);
    await renderHosts(HOSTS, join(widgetDir, 'hosts'));
    env.browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  });
  after(async () => {
    await env.browser?.close();
    for (const server of [env.widgetServer, env.hostServer]) {
      server?.closeAllConnections?.();
      if (server) await new Promise((resolve) => server.close(resolve));
    }
    for (const dir of env.dirs) await rm(dir, { recursive: true, force: true });
  });
  return env;
}

// Runs in every frame before its scripts: records widget events (on the
// element or re-dispatched on an iframe) and CSP violations.
function recorder() {
  window.__events = [];
  window.__violations = [];
  const record = (event) => {
    const target = event.composedPath()[0];
    window.__events.push({
      type: event.type,
      detail: JSON.parse(JSON.stringify(event.detail ?? null)),
      target: target?.localName ?? null,
      targetId: target?.id || null,
    });
  };
  for (const type of ['decision-ready', 'decision-change', 'decision-error']) document.addEventListener(type, record, true);
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
  }, true);
}

/**
 * A test on a host page. `fn(h)` gets { page, context, events(), waitForEvents(n), violations() }.
 * Fails on page errors, console errors (other than `allowConsole`),
 * CSP violations in any frame, and requests to anywhere but the two servers.
 */
export function hostTest(name, options, fn) {
  if (typeof options === 'function') [options, fn] = [{}, options];
  const { path, widgetOrigin = false, context: contextOptions = {}, allowConsole, allowViolations = false } = options;
  return test(name, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 }, ...contextOptions });
    context.setDefaultTimeout(WAIT);
    await context.addInitScript(recorder);
    const page = await context.newPage();
    const watched = watchVisit(context, page, { allowConsole });
    const { problems } = watched;
    const h = {
      page,
      context,
      url: (widgetOrigin ? env.widget + 'hosts/' : env.host) + (path ?? ''),
      events: (frame = page) => frame.evaluate(() => window.__events),
      async waitForEvents(n, frame = page) {
        await frame.waitForFunction((n) => window.__events.length >= n, n, { timeout: WAIT });
        return frame.evaluate(() => window.__events);
      },
      async violations() {
        const all = [];
        for (const frame of page.frames()) all.push(...((await frame.evaluate(() => window.__violations).catch(() => [])) ?? []));
        return all;
      },
    };
    let failure = null;
    try {
      if (path != null) await page.goto(h.url);
      await fn(h);
      if (!allowViolations) assert.deepEqual(await h.violations(), [], 'no CSP violation in any frame');
    } catch (error) {
      failure = error;
    } finally {
      await context.close().catch(() => {});
    }
    const foreign = watched.elsewhere([env.widgetOrigin, env.hostOrigin]);
    if (foreign.length) problems.push(`requests elsewhere: ${foreign.join(', ')}`);
    if (failure) {
      if (problems.length) failure.message += `\n(also: ${problems.join('; ')})`;
      throw failure;
    }
    assert.deepEqual(problems, [], 'the page reported problems');
  });
}

/** The widget inside `scope` (a page, frame or locator). */
export function widgetIn(scope, selector = 'decision-widget') {
  const host = scope.locator(selector);
  return {
    host,
    question: host.locator('h3.dw-question-text'),
    outcome: host.locator('.dw-outcome h3.dw-outcome-title'),
    answer: (a) => host.locator('.dw-answer-buttons button', { hasText: a === 'yes' ? 'Yes' : 'No' }).click(),
    error: host.locator('.dw-error'),
  };
}

const SNIPPETS = fileURLToPath(new URL('../../docs/snippets/', import.meta.url));

/**
 * The book's snippet named `name` (`docs/snippets/<name>.html`, the file
 * the book includes where it shows it), with the widget's placeholder URL
 * `https://your.site/decision-widget/` replaced by `base`.
 */
export async function bookSnippet(name, base = '{{WIDGET}}') {
  const text = await readFile(join(SNIPPETS, `${name}.html`), 'utf8');
  assert.ok(text.includes('https://your.site/decision-widget/'), `the ${name} snippet loads the widget from the placeholder URL`);
  return text.trimEnd().replaceAll('https://your.site/decision-widget/', base);
}

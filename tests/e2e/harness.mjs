// @ts-check
// Shared harness for the end-to-end tests: serves the built site (dist/) on
// a free port, drives the system Chromium through playwright-core, gives
// every test a fresh browser context and fails the test on any page error,
// console error or request that leaves the local server.
//
//   node --test tests/e2e/
//
// Each test file gets one server and one browser (started in `before`,
// stopped in `after`); each test gets its own context and page.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS as LAUNCH_ARGS } from '../../scripts/chromium.mjs';

export const DIST = process.env.E2E_DIST ?? fileURLToPath(new URL('../../dist/', import.meta.url));
export { CHROMIUM };

/** How long any single wait may take before the test fails (ms). */
export const WAIT = 10_000;

// ---------------------------------------------------------------------------
// The built-in flow, as ARTICLE.md states it (the public contract).

export const FLOW_ID = 'rag-vs-fine-tuning';
export const FLOW_VERSION = 1;

/**
 * Question ids in the order they are asked, with texts shown by the widget.
 * @type {Record<string, { text: string, label: string }>}
 */
export const QUESTIONS = {
  'data-freshness': {
    text: 'Does the answer depend on data that changes more often than once a month?',
    label: 'Data changes more than monthly?',
  },
  citations: {
    text: 'Do answers need to cite the sources they came from?',
    label: 'Answers must cite sources?',
  },
  style: {
    text: 'Is the task mainly about style or format rather than knowledge?',
    label: 'Mainly style or format?',
  },
  'latency-privacy': {
    text: 'Are there hard limits on latency (answers in under 200 ms) or on privacy (the data may not leave a dedicated environment)?',
    label: 'Hard latency or privacy limits?',
  },
};
export const QUESTION_ORDER = Object.keys(QUESTIONS);

/** @type {Record<string, { title: string, label: string }>} */
export const OUTCOMES = {
  rag: { title: 'Retrieval-augmented generation', label: 'RAG' },
  'fine-tune': { title: 'Fine-tune for style or format', label: 'Fine-tune for style' },
  'fine-tune-small-open-weight': {
    title: 'Fine-tune a small open-weight model in your own environment',
    label: 'Small open-weight model',
  },
};

/** The five paths of the built-in flow: answers in order, and the outcome. */
export const PATHS = [
  { answers: ['yes'], outcome: 'rag' },
  { answers: ['no', 'yes'], outcome: 'rag' },
  { answers: ['no', 'no', 'yes'], outcome: 'fine-tune' },
  { answers: ['no', 'no', 'no', 'yes'], outcome: 'fine-tune-small-open-weight' },
  { answers: ['no', 'no', 'no', 'no'], outcome: 'rag' },
];

/**
 * Where each answer leads (ARTICLE.md, "The decision flow").
 * @type {Record<string, Record<string, string>>}
 */
export const NEXT = {
  'data-freshness': { yes: 'rag', no: 'citations' },
  citations: { yes: 'rag', no: 'style' },
  style: { yes: 'fine-tune', no: 'latency-privacy' },
  'latency-privacy': { yes: 'fine-tune-small-open-weight', no: 'rag' },
};
export const START = 'data-freshness';

/**
 * The label a node has in the chart.
 * @param {string} id
 */
export function labelOf(id) {
  return (QUESTIONS[id] ?? OUTCOMES[id]).label;
}

/**
 * Follows `answers` from the start: the question ids answered, the node
 * ids on the path, and where it stands (a question, or an outcome).
 * @param {string[]} answers
 */
export function follow(answers) {
  /** @type {string[]} */
  const answered = [];
  let at = START;
  for (const answer of answers) {
    assert.ok(NEXT[at], `answer ${answer} given past outcome ${at}`);
    answered.push(at);
    at = NEXT[at][answer];
  }
  const decided = !NEXT[at];
  return { answered, path: [...answered, at], current: decided ? null : at, outcome: decided ? at : null };
}

/**
 * @param {string} id
 * @returns {Set<string>}
 */
function reachableFrom(id, seen = new Set()) {
  if (seen.has(id)) return seen;
  seen.add(id);
  if (NEXT[id]) for (const next of Object.values(NEXT[id])) reachableFrom(next, seen);
  return seen;
}

/**
 * What the chart should show after `answers`: each node's state class by
 * chart label, and how many edges are taken, open and dimmed. Answered
 * questions and the current question or reached outcome are marked; nodes
 * still reachable from the current question are open, the rest dimmed; an
 * answered question's chosen edge is taken and its other edge dimmed.
 * @param {string[]} answers
 */
export function expectedChart(answers) {
  const { answered, current, outcome } = follow(answers);
  const open = current ? reachableFrom(current) : new Set();
  /** @type {Record<string, string>} */
  const nodes = {};
  for (const id of [...QUESTION_ORDER, ...Object.keys(OUTCOMES)]) {
    let state = open.has(id) ? 'is-open' : 'is-dimmed';
    if (answered.includes(id)) state = 'is-answered';
    if (id === current) state = 'is-current';
    if (id === outcome) state = 'is-reached';
    nodes[labelOf(id)] = state;
  }
  const edges = { total: 0, taken: 0, open: 0, dimmed: 0 };
  for (const id of QUESTION_ORDER) {
    for (const answer of ['yes', 'no']) {
      edges.total++;
      const i = answered.indexOf(id);
      if (i >= 0) edges[answers[i] === answer ? 'taken' : 'dimmed']++;
      else if (open.has(id)) edges.open++;
      else edges.dimmed++;
    }
  }
  return { nodes, edges };
}

/**
 * `{question id: answer}` in path order, for the given answers.
 * @param {string[]} answers
 */
export function answersObject(answers) {
  return Object.fromEntries(answers.map((a, i) => [QUESTION_ORDER[i], a]));
}

/**
 * The share-link fragment (without `#`) for `answers` given in question
 * order, as the widget writes it: `dw1/<flow>@<version>/<qid>=y|n/...`.
 * @param {string[]} answers
 */
export function linkCode(answers) {
  const { answered } = follow(answers);
  return [`dw1/${FLOW_ID}@${FLOW_VERSION}`, ...answered.map((id, i) => `${id}=${answers[i] === 'yes' ? 'y' : 'n'}`)].join(
    '/',
  );
}

/**
 * A path's name in a test's title.
 * @param {{ answers: string[], outcome: string }} path
 */
export function pathName({ answers, outcome }) {
  return `${answers.join(',')} → ${outcome}`;
}

// ---------------------------------------------------------------------------
// Server and browser, one of each per test file.

/**
 * The test file's server and browser, and the server's URL and origin
 * (set before its first test).
 * @type {{ server: import('node:http').Server | null, url: string, origin: string, browser: import('playwright-core').Browser | null }}
 */
const shared = { server: null, url: '', origin: '', browser: null };

/**
 * Registers `before` / `after` hooks that start the server and the browser
 * for the current test file. Call once at the top level of a test file.
 * `headers(path)` adds response headers per path, such as a page's
 * Content-Security-Policy.
 * @param {{ headers?: (path: string) => import('node:http').OutgoingHttpHeaders }} [options]
 */
export function useBrowser({ headers } = {}) {
  before(async () => {
    assert.ok(existsSync(join(DIST, 'index.html')), `no built site in ${DIST}: run the release build first`);
    const { server, url } = await serve({ root: DIST, port: 0, headers });
    shared.server = server;
    shared.url = url;
    shared.origin = new URL(url).origin;
    shared.browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  });
  after(async () => {
    await shared.browser?.close();
    const server = shared.server;
    if (server) {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
    }
  });
  return shared;
}

/**
 * @typedef {import('playwright-core').Page} Page
 * @typedef {import('playwright-core').Locator} Locator
 * @typedef {import('playwright-core').BrowserContextOptions} BrowserContextOptions
 */

/**
 * What `pageTest` takes besides the test's name and function.
 * @typedef {object} PageTestOptions
 * @property {BrowserContextOptions} [context]
 * @property {string} [path]
 * @property {boolean} [waitReady]
 * @property {(w: WidgetDriver) => unknown} [beforeLoad]
 * @property {boolean | string} [todo]
 * @property {boolean | string} [skip]
 * @property {RegExp} [allowConsole]
 */

/**
 * What `w.openInNewContext` takes besides the path.
 * @typedef {{ context?: BrowserContextOptions, waitReady?: boolean, beforeLoad?: (w: WidgetDriver) => unknown }} NewContextOptions
 */

// Runs in the page before any of its scripts: records every event the
// widget sends to the host page, in order, as plain data.
export function recordEvents() {
  window.__dwEvents = [];
  const record = (/** @type {Event} */ event) => {
    const { detail: sent } = /** @type {CustomEvent} */ (event);
    let detail;
    try {
      detail = JSON.parse(JSON.stringify(sent));
    } catch {
      detail = { unserialisable: String(sent) };
    }
    window.__dwEvents.push({
      type: event.type,
      detail,
      // Which element sent it (composed events are retargeted to the host).
      target: event.target instanceof Element ? event.target.localName : null,
      answerKeys: sent && sent.answers ? Object.keys(sent.answers) : null,
    });
  };
  document.addEventListener('decision-ready', record, true);
  document.addEventListener('decision-change', record, true);
}

/**
 * Declares a test with its own browser context, on the demo page.
 *
 *   pageTest('name', async (w) => { ... })
 *   pageTest('name', { context, path, waitReady, beforeLoad, todo, skip, allowConsole }, async (w) => { ... })
 *
 * - context: options for browser.newContext (viewport, colorScheme, ...)
 * - path: page to open, relative to the server root ('' = index.html)
 * - waitReady: wait for the first widget event before `fn` (default true)
 * - beforeLoad(w): runs before navigation (more init scripts, routes)
 * - todo / skip: as node:test
 * - allowConsole: a RegExp of console errors the test expects
 *
 * `fn` receives a `WidgetDriver`. The test fails on any page error,
 * console error, dialog (alert, confirm, prompt) or request that leaves the
 * local server, even when `fn` itself passed. `w.openInNewContext(path)`
 * opens another page in a fresh context, watched the same way.
 * @param {string} name
 * @param {PageTestOptions | ((w: WidgetDriver) => Promise<void>)} options
 * @param {(w: WidgetDriver) => Promise<void>} [fn]
 */
export function pageTest(name, options, fn) {
  const [settings, body] = typeof options === 'function' ? [{}, options] : [options, fn];
  assert.ok(body, `pageTest ${name}: no test function`);
  /** @type {PageTestOptions} */
  const { context: contextOptions = {}, path = '', waitReady = true, beforeLoad, todo, skip, allowConsole } =
    settings;
  /** @type {{ todo?: boolean | string, skip?: boolean | string }} */
  const testOptions = {};
  if (todo) testOptions.todo = todo;
  if (skip) testOptions.skip = skip;
  return test(name, testOptions, async () => {
    /** @type {string[]} */
    const problems = [];
    /** @type {string[]} */
    const requests = [];
    /** @type {import('playwright-core').BrowserContext[]} */
    const contexts = [];
    const browser = shared.browser;
    assert.ok(browser, 'useBrowser() started no browser for this file');
    // Opens a monitored page in a new browser context: the test fails on
    // its page errors, console errors, dialogs and foreign requests too.
    const openPage = async (/** @type {BrowserContextOptions} */ extraContextOptions = {}) => {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        ...contextOptions,
        ...extraContextOptions,
      });
      contexts.push(context);
      context.setDefaultTimeout(WAIT);
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        if (allowConsole && allowConsole.test(message.text())) return;
        problems.push(`console error: ${message.text()}`);
      });
      page.on('request', (request) => requests.push(request.url()));
      page.on('crash', () => problems.push('page crashed'));
      page.on('dialog', (dialog) => {
        problems.push(`dialog: ${dialog.type()} ${JSON.stringify(dialog.message())}`);
        dialog.dismiss().catch(() => {});
      });
      await page.addInitScript(recordEvents);
      return page;
    };
    let failure = null;
    try {
      const page = await openPage();
      const w = new WidgetDriver(page, shared, requests);
      /**
       * Opens `path` in a fresh browser context (no shared storage or
       * clipboard), waits for its first widget event unless `waitReady` is
       * false, and returns a driver for it.
       */
      w.openInNewContext = async (path = '', { context: extra = {}, waitReady: ready = true, beforeLoad: setup } = {}) => {
        const other = new WidgetDriver(await openPage(extra), shared, requests);
        if (setup) await setup(other);
        await other.page.goto(shared.url + path);
        if (ready) await other.waitForEvents(1);
        return other;
      };
      if (beforeLoad) await beforeLoad(w);
      await page.goto(shared.url + path);
      if (waitReady) await w.waitForEvents(1);
      await body(w);
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    } finally {
      for (const context of contexts) await context.close().catch(() => {});
    }
    const foreign = requests.filter((url) => !isLocal(url, shared.origin));
    if (foreign.length) problems.push(`requests outside the local server: ${foreign.join(', ')}`);
    if (failure) {
      if (problems.length) failure.message += `\n(also: ${problems.join('; ')})`;
      throw failure;
    }
    assert.deepEqual(problems, [], 'the page reported problems');
  });
}

/**
 * Whether `url` stays on the local server (or is inline data).
 * @param {string} url
 * @param {string} origin
 */
export function isLocal(url, origin) {
  if (/^(data|blob|about):/.test(url)) return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------
// Talking to the widget on the page.

/**
 * The deepest focused element, through open shadow roots, described.
 * @typedef {NonNullable<ReturnType<typeof describeDeepFocus>>} FocusDescription
 */
function describeDeepFocus() {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el) return null;
  const root = el.getRootNode();
  const inWidget = root instanceof ShadowRoot && root.host.localName === 'decision-widget';
  return {
    tag: el.localName,
    className: typeof el.className === 'string' ? el.className : (el.getAttribute('class') ?? ''),
    text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
    id: el.id || null,
    inWidget,
    parentClass: el.parentElement?.className ?? '',
    ariaLabel: el.getAttribute('aria-label'),
  };
}

export class WidgetDriver {
  /**
   * @param {Page} page
   * @param {{ url: string, origin: string }} server
   * @param {string[]} requests every URL the test's pages asked for
   */
  constructor(page, server, requests) {
    this.page = page;
    this.url = server.url;
    this.origin = server.origin;
    this.requests = requests;
    this.host = page.locator('decision-widget');
    this.root = this.host.locator('.dw');
    this.question = this.host.locator('h3.dw-question-text');
    this.outcomeTitle = this.host.locator('.dw-outcome h3.dw-outcome-title');
    this.progress = this.host.locator('.dw-progress');
    this.status = this.host.locator('.dw-live');
    this.panel = page.locator('#panel-outcome');
    this.chart = this.host.locator('svg.dw-chart-svg');
    /** The notice of what a link could not restore. */
    this.notice = this.host.locator('.dw-step > div.dw-notice[role="status"]');
    this.takeaway = this.host.locator('div.dw-takeaway');
    /**
     * Opens `path` in a fresh browser context, watched as this page is;
     * given by `pageTest`.
     * @type {(path?: string, options?: NewContextOptions) => Promise<WidgetDriver>}
     */
    this.openInNewContext = async () => {
      throw new Error('openInNewContext: only a pageTest opens pages');
    };
  }

  /**
   * Runs `action` (an async function) and resolves as it does, but fails at
   * once with the page's error when the page throws first, rather than
   * waiting for a timeout.
   * @template T
   * @param {() => Promise<T>} action
   * @returns {Promise<T>}
   */
  async orPageError(action) {
    let stop = () => {};
    /** @type {Promise<never>} */
    const failed = new Promise((_, reject) => {
      const onError = (/** @type {Error} */ error) => reject(new Error(`page error while waiting: ${error.message}`));
      this.page.on('pageerror', onError);
      stop = () => this.page.off('pageerror', onError);
    });
    try {
      return await Promise.race([action(), failed]);
    } finally {
      stop();
    }
  }

  /** Lets the page read and write the clipboard. */
  grantClipboard() {
    return this.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: this.origin });
  }
  /** The clipboard's text (needs `grantClipboard`). */
  readClipboard() {
    return this.page.evaluate(() => navigator.clipboard.readText());
  }
  /** `{ href, hash, length }` of the page's location and history. */
  location() {
    return this.page.evaluate(() => ({ href: location.href, hash: location.hash, length: history.length }));
  }
  /**
   * Answers in turn and waits for the outcome `answers` reach.
   * @param {string[]} answers
   */
  async walk(answers) {
    for (const answer of answers) await this.answer(answer);
    const { outcome } = follow(answers);
    if (outcome) await this.outcomeTitle.filter({ hasText: OUTCOMES[outcome].title }).waitFor();
  }

  /**
   * The widget's button named `name`, exactly.
   * @param {string} name
   */
  button(name) {
    return this.host.getByRole('button', { name, exact: true });
  }

  /**
   * Opens the panel behind the recommendation's disclosure button `name`
   * ("Save" or "Export") unless it is open already.
   * @param {string} name
   */
  async openPanel(name) {
    const button = this.takeaway.getByRole('button', { name, exact: true });
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    await this.host.locator(`#${await button.getAttribute('aria-controls')}`).waitFor();
  }

  /**
   * Shows the flowchart where a narrow widget folds it under the question
   * (its toggle button is visible only there), and waits for it; `widget`
   * picks one of several widgets on the page. Does nothing where the chart
   * shows anyway.
   */
  async showChart(widget = this.host) {
    const toggle = widget.locator('button.dw-map-toggle');
    if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await widget.locator('svg.dw-chart-svg').waitFor({ state: 'visible' });
  }

  /**
   * Unfolds the folded part (a `details.dw-fold`) whose summary says `name`.
   * @param {string} name
   */
  async unfold(name) {
    const fold = this.host.locator('details.dw-fold', { has: this.host.locator('summary', { hasText: name }) });
    if (!(await fold.evaluate((d) => /** @type {HTMLDetailsElement} */ (d).open))) await fold.locator('summary').click();
    return fold;
  }
  /**
   * The Yes or No button ('yes' / 'no'): the first and the second, in any language.
   * @param {string} answer
   */
  answerButton(answer) {
    return this.host.locator('.dw-answer-buttons button').nth(answer === 'yes' ? 0 : 1);
  }

  /** Every recorded widget event so far. */
  events() {
    return this.page.evaluate(() => window.__dwEvents);
  }
  /**
   * Waits until at least `n` widget events were recorded; returns them.
   * @param {number} n
   */
  async waitForEvents(n) {
    await this.page.waitForFunction((count) => window.__dwEvents.length >= count, n, { timeout: WAIT });
    return this.events();
  }
  /**
   * Runs `action` and waits for exactly one more widget event; returns it.
   * @param {() => Promise<unknown>} action
   */
  async expectChange(action) {
    const before = (await this.events()).length;
    await action();
    const events = await this.waitForEvents(before + 1);
    return events[before];
  }

  /**
   * Clicks Yes or No and waits for the decision-change it causes.
   * @param {string} answer
   */
  async answer(answer) {
    const event = await this.expectChange(() => this.answerButton(answer).click());
    assert.equal(event.type, 'decision-change');
    return event;
  }

  /** The deepest focused element, described. */
  focused() {
    return this.page.evaluate(describeDeepFocus);
  }

  /**
   * Presses Tab (at most `limit` times) until `matches(focused)` holds;
   * returns the description of the focused element.
   * @param {(focused: FocusDescription) => boolean} matches
   * @param {string} what
   */
  async tabUntil(matches, what, limit = 60) {
    /** @type {string[]} */
    const seen = [];
    for (let i = 0; i < limit; i++) {
      await this.page.keyboard.press('Tab');
      const focused = await this.focused();
      if (focused && matches(focused)) return focused;
      seen.push(focused ? `${focused.tag}.${focused.className}:${focused.text.slice(0, 30)}` : 'none');
    }
    assert.fail(`Tab never reached ${what} in ${limit} presses; focus went: ${seen.join(' | ')}`);
  }

  /**
   * Waits until the deepest focused element matches the CSS `selector`
   * and its trimmed text is `text`.
   * @param {string} selector
   * @param {string} text
   * @param {string} what
   */
  async waitForFocus(selector, text, what) {
    try {
      await this.page.waitForFunction(
        ([selector, text]) => {
          let el = document.activeElement;
          while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
          return !!el && el.matches(selector) && el.textContent?.trim() === text;
        },
        [selector, text],
        { timeout: WAIT },
      );
    } catch (error) {
      const focused = await this.focused();
      const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
      assert.fail(`focus never reached ${what}; it is on ${JSON.stringify(focused)} (${why})`);
    }
  }

  /** Chart nodes (`g.dw-node`) with their classes and label text. */
  chartNodes() {
    return this.chart.evaluate((svg) =>
      [...svg.querySelectorAll('g.dw-node')].map((g) => ({
        label: [...g.querySelectorAll('tspan')].map((t) => (t.textContent ?? '').trim()).join(' '),
        classes: [...g.classList],
      })),
    );
  }
  /**
   * The chart node whose label (lines joined by spaces) is `label`.
   * @param {string} label
   */
  chartNode(label) {
    const pattern = new RegExp('^\\s*' + escapeRegExp(label).replace(/ /g, '\\s*') + '\\s*$');
    return this.chart.locator('g.dw-node').filter({ hasText: pattern });
  }
  /**
   * Edge states: how many edges are drawn in each state. The chart draws
   * every edge of a state as one path (`path.dw-edge-line.is-…`), a
   * subpath (`M…`) an edge.
   */
  edgeCounts() {
    return this.chart.evaluate((svg) => {
      const count = (/** @type {string} */ c) =>
        [...svg.querySelectorAll(`path.dw-edge-line.${c}`)].reduce((n, p) => n + (p.getAttribute('d')?.match(/M/g) ?? []).length, 0);
      const [taken, open, dimmed] = [count('is-taken'), count('is-open'), count('is-dimmed')];
      return { total: taken + open + dimmed, taken, open, dimmed };
    });
  }
}

/**
 * `text`, matched literally in a RegExp.
 * @param {string} text
 */
export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// What the tests of the widget on a real site (WordPress, Ghost, the site
// generators, the package on a CDN, host pages) share as they set a site
// up and read its pages as a visitor: a free port, the widget's events
// recorded in every frame, what a visit reports (errors, requests),
// polling for a state that settles across processes, walking a path to
// its outcome, and closing the servers they started.

import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { OUTCOMES, QUESTIONS, WAIT, follow } from './harness.mjs';

/**
 * A free TCP port on 127.0.0.1.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs in every frame before its scripts (`context.addInitScript`): records
 * the widget's events as the page sees them (on the element, or
 * re-dispatched on the iframe) in `window.__events`.
 */
export function recorder() {
  /** @type {any} */ (window).__events = [];
  for (const type of ['decision-ready', 'decision-change']) {
    document.addEventListener(
      type,
      (event) =>
        /** @type {any} */ (window).__events.push({
          type,
          target: /** @type {Element | undefined} */ (event.composedPath()[0])?.localName ?? null,
          detail: /** @type {CustomEvent} */ (event).detail,
        }),
      true,
    );
  }
}

/**
 * Polls `read()` until `ok(value)` holds; returns the value. For states
 * that settle across two processes (a frame posts its height, the page
 * sets it), where no single event says it is done.
 * @template T
 * @param {() => Promise<T>} read
 * @param {(value: T) => boolean} ok
 * @param {string} what what is awaited, for the failure
 * @returns {Promise<T>}
 */
export async function until(read, ok, what) {
  const deadline = Date.now() + WAIT;
  let value;
  for (;;) {
    value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) assert.fail(`${what}; last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Answers `answers` in the widget `w` (see embed-harness.mjs, `widgetIn`)
 * and waits for its outcome; returns the outcome's id.
 * @param {any} w
 * @param {string[]} answers
 */
export async function walk(w, answers) {
  const { outcome } = follow(answers);
  for (const [i, answer] of answers.entries()) {
    await w.question.filter({ hasText: QUESTIONS[follow(answers.slice(0, i)).current].text }).waitFor();
    await w.answer(answer);
  }
  await w.outcome.filter({ hasText: OUTCOMES[outcome].title }).waitFor();
  return outcome;
}

/**
 * Closes each HTTP server given (skipping none), its open connections too.
 * @param {(import('node:http').Server | null | undefined)[]} servers
 */
export async function closeServers(servers) {
  for (const server of servers) {
    if (!server) continue;
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  }
}

/**
 * Watches a visit from its start: `problems` collects the page's errors,
 * its console errors (but those `allowConsole` matches) and the Content
 * Security Policy reports the console shows; `requests` every URL the
 * context asks for, and `elsewhere(origins)` those on none of `origins`
 * (data:, blob: and about: URLs aside).
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('playwright-core').Page} page
 * @param {{ allowConsole?: RegExp }} [options]
 */
export function watchVisit(context, page, { allowConsole } = {}) {
  /** @type {string[]} */
  const problems = [];
  /** @type {string[]} */
  const requests = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (/Content.Security.Policy|Refused to/i.test(text)) problems.push(`CSP console: ${text}`);
    else if (message.type() === 'error' && !allowConsole?.test(text)) {
      problems.push(`console error: ${text} (${message.location().url})`);
    }
  });
  context.on('request', (request) => requests.push(request.url()));
  return {
    problems,
    requests,
    /** @param {(string | null | undefined)[]} origins */
    elsewhere: (origins) =>
      requests.filter((url) => !/^(data|blob|about):/.test(url) && !origins.includes(new URL(url).origin)),
  };
}

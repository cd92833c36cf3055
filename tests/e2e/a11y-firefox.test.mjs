// Accessibility in Firefox ESR: the same states and the same checks as
// a11y.test.mjs (axe-core, target sizes, chart contrast, visible focus;
// all in a11y-checks.mjs), in Debian's headless Firefox ESR driven by
// puppeteer-core over WebDriver BiDi. Firefox lays out, computes styles
// and moves focus on its own, so what passes in Chromium can fail here.
//
// What differs from the Chromium run, and why:
// - WebDriver BiDi cannot emulate media features, so the colour scheme
//   and reduced motion are Firefox preferences fixed at launch: one
//   browser per combination, started when a test first needs it.
// - axe is evaluated as a script by the driver rather than added as a
//   <script> tag, which the page's CSP would refuse; the driver's scripts
//   are not subject to the page's CSP, so no bypass is needed.
// - On the iframe page, light and dark are two tests (two browsers) rather
//   than a switch half-way through.
//
// FIREFOX=… runs another Firefox binary.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { serve } from '../../scripts/serve.mjs';
import {
  AXE,
  DAMAGED,
  VARIANTS,
  assertClean,
  iframeStates,
  noticeState,
  refusingClipboard,
  tour,
  wordsOf,
} from './a11y-checks.mjs';
import { DIST, WAIT, isLocal, recordEvents } from './harness.mjs';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const AXE_SOURCE = readFileSync(AXE, 'utf8');
const DESKTOP = { width: 1280, height: 900 };

const shared = { server: null, url: null, origin: null, browsers: new Map() };

before(async () => {
  assert.ok(existsSync(join(DIST, 'index.html')), `no built site in ${DIST}: run the release build first`);
  assert.ok(existsSync(FIREFOX), `no Firefox at ${FIREFOX} (apt-get install firefox-esr)`);
  const { server, url } = await serve({ root: DIST, port: 0 });
  Object.assign(shared, { server, url, origin: new URL(url).origin });
});

after(async () => {
  for (const launched of shared.browsers.values()) {
    const browser = await launched.catch(() => null);
    // A page stuck in a loop can keep Firefox from closing; end it then.
    await within(browser?.close(), 10_000).catch(() => browser?.process()?.kill('SIGKILL'));
  }
  if (shared.server) {
    shared.server.closeAllConnections?.();
    await new Promise((resolve) => shared.server.close(resolve));
  }
});

/** Resolves as `promise` does, or rejects once `ms` have passed. */
function within(promise, ms) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not done within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The Firefox for a colour scheme and motion preference, launched once and kept for the file. */
function firefox({ dark = false, reducedMotion = false }) {
  const key = `${dark}/${reducedMotion}`;
  if (!shared.browsers.has(key)) {
    shared.browsers.set(
      key,
      puppeteer.launch({
        browser: 'firefox',
        executablePath: FIREFOX,
        headless: true,
        extraPrefsFirefox: {
          // What pages see as prefers-color-scheme: 0 dark, 1 light.
          'layout.css.prefers-color-scheme.content-override': dark ? 0 : 1,
          'ui.prefersReducedMotion': reducedMotion ? 1 : 0,
        },
      }),
    );
  }
  return shared.browsers.get(key);
}

/** The shared checks' driver (see a11y-checks.mjs) over a puppeteer page. */
class FirefoxDriver {
  /** A driver of `page`, where the widget speaks `lang`. */
  constructor(page, lang = 'en') {
    this.page = page;
    this.say = wordsOf(lang);
  }

  evaluate(fn, arg) {
    return this.page.evaluate(fn, arg);
  }

  injectAxe() {
    return this.page.evaluate(AXE_SOURCE);
  }

  /** Presses a key; 'Shift+Tab' holds Shift for the Tab. */
  async press(key) {
    const keys = key.split('+');
    const last = keys.pop();
    for (const modifier of keys) await this.page.keyboard.down(modifier);
    await this.page.keyboard.press(last);
    for (const modifier of keys.reverse()) await this.page.keyboard.up(modifier);
    if (!(await this.page.evaluate(() => document.hasFocus()))) await this.returnFocus();
  }

  /**
   * Past the page's first or last stop, Firefox moves focus out to its own
   * toolbar, which headless Chromium does not have; a person would click
   * back into the page, but a driver's synthesized click does not bring
   * focus back, and while the page lacks it nothing there matches :focus
   * and the widget cannot move focus either. So Tab back in, and blur
   * whatever that focused: the page has focus again and no element does,
   * which is where the checks expect to be once focus has left the page.
   */
  async returnFocus() {
    for (let i = 0; i < 5 && !(await this.page.evaluate(() => document.hasFocus())); i++) {
      await this.page.keyboard.press('Tab');
    }
    assert.ok(await this.page.evaluate(() => document.hasFocus()), 'Tab never brought focus back to the page');
    await this.page.evaluate(() => {
      let el = document.activeElement;
      while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
      el?.blur?.();
    });
  }

  /**
   * Waits until the widget shows an element that matches `query` (see
   * `findInWidget`) and returns it; fails naming what it waited for.
   */
  async shown(query, what) {
    try {
      const handle = await this.page.waitForFunction(findInWidget, { timeout: WAIT }, query);
      return handle.asElement();
    } catch (error) {
      assert.fail(`the widget never showed ${what} (${error.message.split('\n')[0]})`);
    }
  }

  async waitFor(selector, text) {
    const handle = await this.shown({ selector, text }, text === undefined ? selector : `${selector} with “${text}”`);
    await handle.dispose();
  }

  async click(selector) {
    const handle = await this.shown({ selector }, selector);
    await handle.click();
    await handle.dispose();
  }

  async clickButton(name) {
    const handle = await this.shown({ selector: 'button, [role="button"]', name }, `a button named “${name}”`);
    await handle.click();
    await handle.dispose();
  }

  async fill(label, value) {
    const handle = await this.shown({ selector: 'input, textarea, select', label }, `a field labelled “${label}”`);
    await handle.evaluate((el) => {
      el.focus();
      el.select();
    });
    await this.page.keyboard.type(value);
    await handle.dispose();
  }

  events() {
    return this.page.evaluate(() => window.__dwEvents);
  }

  /** Waits until at least `n` widget events were recorded; returns them. */
  async waitForEvents(n) {
    await this.page.waitForFunction((count) => window.__dwEvents.length >= count, { timeout: WAIT }, n);
    return this.events();
  }

  async expectChange(action) {
    const before = (await this.events()).length;
    await action();
    const events = await this.waitForEvents(before + 1);
    return events[before];
  }

  async answer(answer) {
    const event = await this.expectChange(() => this.clickButton(this.say(answer)));
    assert.equal(event.type, 'decision-change');
    return event;
  }
}

// Runs in the page: the first element in the widget's shadow root that
// matches `selector`, is rendered, and (when given) contains `text`, has
// the accessible name `name` (its aria-label, else its text), or is the
// field labelled `label`; null if none is yet.
function findInWidget({ selector, text, name, label }) {
  const root = document.querySelector('decision-widget')?.shadowRoot;
  if (!root) return null;
  const squash = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
  const labelOf = (el) => el.getAttribute('aria-label') ?? squash([...(el.labels ?? [])].map((l) => l.textContent).join(' '));
  return (
    [...root.querySelectorAll(selector)].find(
      (el) =>
        el.getClientRects().length > 0 &&
        (text === undefined || squash(el.textContent).toLowerCase().includes(squash(text).toLowerCase())) &&
        (name === undefined || squash(el.getAttribute('aria-label') ?? el.textContent) === name) &&
        (label === undefined || squash(labelOf(el)) === label),
    ) ?? null
  );
}

/**
 * Declares a test on a fresh page (its own browser context, so its own
 * storage) of the Firefox for `variant`, opened at `path`, once the widget
 * has sent its first event. Like the Chromium harness, the test fails on
 * any page error, console error, dialog or request that leaves the local
 * server, even when `fn` itself passed.
 */
function firefoxTest(name, { variant = {}, path = '', beforeLoad = [], lang = 'en' }, fn) {
  test(name, async () => {
    const browser = await firefox(variant);
    const context = await browser.createBrowserContext();
    const problems = [];
    const requests = [];
    let failure = null;
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT);
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
      page.on('request', (request) => requests.push(request.url()));
      page.on('dialog', (dialog) => {
        problems.push(`dialog: ${dialog.type()} ${JSON.stringify(dialog.message())}`);
        dialog.dismiss().catch(() => {});
      });
      await page.setViewport(
        variant.width ? { width: variant.width, height: 740, isMobile: !!variant.touch, hasTouch: !!variant.touch } : DESKTOP,
      );
      for (const script of [recordEvents, ...beforeLoad]) await page.evaluateOnNewDocument(script);
      await page.goto(shared.url + path);
      const d = new FirefoxDriver(page, lang);
      await d.waitForEvents(1);
      await fn(d);
    } catch (error) {
      failure = error;
    } finally {
      await within(context.close(), 5_000).catch(() => {});
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

for (const variant of VARIANTS) {
  firefoxTest(
    `Firefox: axe, target size and focus: every state, ${variant.name}`,
    { variant, beforeLoad: [refusingClipboard] },
    async (d) => {
      await tour(d, { focus: !variant.touch });
      assertClean(d);
    },
  );

  firefoxTest(`Firefox: axe: a damaged link's notice, ${variant.name}`, { variant, path: DAMAGED }, async (d) => {
    await noticeState(d);
    assertClean(d);
  });
}

for (const variant of [{ name: 'light' }, { name: 'dark', dark: true }]) {
  firefoxTest(
    `Firefox: axe: the iframe page (embed.html), at the start and at an outcome, ${variant.name}`,
    { variant, path: 'embed.html' },
    async (d) => {
      await iframeStates(d, `, ${variant.name}`);
      assertClean(d);
    },
  );
}

// Right to left, in the second engine too: every state in Arabic.
firefoxTest(
  'Firefox: axe, target size and focus: every state, in Arabic (right to left)',
  { path: 'embed.html?lang=ar', beforeLoad: [refusingClipboard], lang: 'ar' },
  async (d) => {
    await tour(d, { lang: 'ar' });
    assertClean(d);
  },
);

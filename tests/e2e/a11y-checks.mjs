// @ts-check
// The accessibility checks and the tour of the widget's states, shared by
// the Chromium test (a11y.test.mjs, playwright-core) and the Firefox test
// (a11y-firefox.test.mjs, puppeteer-core over WebDriver BiDi), so that both
// browsers are held to exactly the same states and the same rules.
//
// Nothing here knows which browser driver runs it. Every function takes a
// driver `d` with these methods, each written by the test file for its
// own driver:
//
//   evaluate(fn, arg)      runs `fn(arg)` in the page, resolves to its result
//   injectAxe()            loads axe-core (AXE) into the page
//   press(key)             presses a key on the keyboard ('Tab', 'Shift+Tab')
//   click(selector)        clicks the first element in the widget matching the CSS selector
//   clickButton(name)      clicks the widget's button whose accessible name is exactly `name`
//   waitFor(selector, text) waits until an element in the widget matching the
//                          selector (and containing `text`, if given) is shown
//   fill(label, value)     types `value` into the widget's field labelled exactly `label`
//   answer(answer)         clicks Yes or No ('yes' / 'no') and waits for the change event
//   expectChange(action)   runs `action` and waits for one more widget event
//
// The in-page functions below run in the browser, so they may use only
// what the page has, never anything from this module's scope.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OUTCOMES, QUESTIONS, follow } from './harness.mjs';

/** The English of the words the tour presses and reads (engine::words). */
const ENGLISH = {
  yes: 'Yes',
  no: 'No',
  'start-over': 'Start over',
  'copy-link': 'Copy link',
  export: 'Export',
  'copy-format': 'Copy {format}',
  'format-markdown': 'Markdown',
  'save-toggle': 'Save',
  save: 'Save in this browser',
  'title-optional': 'Title (optional)',
  'rename-item': 'Rename {title}',
  cancel: 'Cancel',
  'show-chart': 'Show the flowchart',
  'what-would-change-it': 'What would change it',
  'in-practice': 'In practice',
};

/**
 * A browser page as the checks drive it, through playwright (Chromium) or
 * puppeteer (Firefox): `evaluate` runs a function in the page, `injectAxe`
 * adds axe-core to it; `press` (for the focus checks) presses a key. The
 * checks collect their failures on `failures`.
 * @typedef {object} Checked
 * @property {<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A) => Promise<T>} evaluate
 * @property {() => Promise<unknown>} injectAxe
 * @property {(key: string) => Promise<unknown>} [press]
 * @property {string[]} [failures]
 */

/**
 * A page the tour walks through the widget: besides `Checked`, answering,
 * clicking (by CSS selector, or a button by its name), filling a field by
 * its label and waiting for an element (with its text).
 * @typedef {Checked & {
 *   press: (key: string) => Promise<unknown>,
 *   answer: (answer: string) => Promise<unknown>,
 *   click: (selector: string) => Promise<unknown>,
 *   clickButton: (name: string) => Promise<unknown>,
 *   fill: (label: string, text: string) => Promise<unknown>,
 *   waitFor: (selector: string, text?: string) => Promise<unknown>,
 *   expectChange: (action: () => Promise<unknown>) => Promise<unknown>,
 * }} Toured
 */

/**
 * The widget's words in `lang` (English for `en`), from its file in
 * static/lang: `say(key, args)`. Right to left, a value put into a
 * sentence is isolated from it (U+2068 … U+2069), as the widget does.
 */
export function wordsOf(lang = 'en') {
  /** @type {Record<string, string>} */
  const table =
    lang === 'en'
      ? ENGLISH
      : JSON.parse(readFileSync(new URL(`../../static/lang/${lang}.json`, import.meta.url), 'utf8')).words;
  const isolate = (/** @type {string} */ value) => (lang === 'ar' && !/^\d+$/.test(value) ? `\u2068${value}\u2069` : value);
  /** @type {(key: string, args?: Record<string, string>) => string} */
  const say = (key, args = {}) => table[key].replace(/\{([a-z]+)\}/g, (_, /** @type {string} */ name) => isolate(args[name]));
  return say;
}

export { speaking } from '../../scripts/chromium.mjs';

/** axe-core's browser build, as the npm package ships it. */
export const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** A link whose answers the flow cannot follow, so the widget shows a notice. */
export const DAMAGED = '#dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=maybe';

/**
 * The conditions every state is checked under. Each test file turns these
 * into its own browser's settings: `dark` is prefers-color-scheme: dark,
 * `width` a 740 px tall viewport that wide, `touch` a phone (touch, mobile
 * viewport; there is no keyboard focus to check), `reducedMotion`
 * prefers-reduced-motion: reduce.
 */
export const VARIANTS = [
  { name: 'light, desktop' },
  { name: 'dark colour scheme', dark: true },
  { name: '360 px wide', width: 360, touch: true },
  { name: '360 px wide, dark', width: 360, dark: true },
  { name: 'prefers-reduced-motion: reduce', reducedMotion: true },
];

// Runs in the page: axe over the whole document, shadow roots included,
// reduced to plain data.
/** @param {string[]} tags */
function runAxe(tags) {
  return window.axe
    .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
    .then((r) => ({
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: JSON.stringify(n.target), summary: n.failureSummary })),
      })),
    }));
}

/**
 * Runs axe over the whole document (shadow roots included); fails with every violation.
 * @param {Checked} d
 * @param {string} state
 */
async function assertNoViolations(d, state) {
  if (!(await d.evaluate(() => typeof window.axe === 'object'))) await d.injectAxe();
  const result = await d.evaluate(runAxe, TAGS);
  if (result.violations.length) {
    const lines = [];
    for (const v of result.violations) {
      lines.push(`  [${v.impact}] ${v.id}: ${v.help}`);
      for (const n of v.nodes) lines.push(`      ${n.target}\n        ${n.summary?.replace(/\n/g, '\n        ')}`);
    }
    assert.fail(`axe: ${result.violations.length} violation(s) in state “${state}”:\n${lines.join('\n')}`);
  }
}

// Interactive elements inside the widget, sized (2.5.8). Inline links
// inside a sentence are exempt (2.5.8 "Inline"), as are hidden elements.
function widgetTargets() {
  const root = /** @type {ShadowRoot} */ (document.querySelector('decision-widget')?.shadowRoot);
  const selector = 'button, a[href], input, textarea, select, summary, [role="button"], [tabindex]:not([tabindex="-1"])';
  return [...root.querySelectorAll(selector)]
    .map((el) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      // An inline link: an <a> displayed inline whose parent holds text of its own.
      const parentText = [...(el.parentElement?.childNodes ?? [])]
        .filter((n) => n !== el)
        .map((n) => n.textContent)
        .join('')
        .trim();
      const inline = el.localName === 'a' && style.display === 'inline' && parentText.length > 0;
      return {
        what: `${el.localName}${el.getAttribute('class') ? '.' + (el.getAttribute('class') ?? '').split(' ').join('.') : ''} “${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}”`,
        width: Math.round(box.width * 10) / 10,
        height: Math.round(box.height * 10) / 10,
        visible: box.width > 0 && box.height > 0 && style.visibility !== 'hidden',
        inline,
      };
    })
    .filter((t) => t.visible);
}

/**
 * @param {Checked} d
 * @param {string} state
 */
async function assertTargetSizes(d, state) {
  const targets = await d.evaluate(widgetTargets);
  assert.ok(targets.length > 0, 'the widget has targets');
  const small = targets.filter((t) => !t.inline && (t.width < 24 || t.height < 24));
  assert.deepEqual(
    small.map((t) => `${t.what}: ${t.width}×${t.height}`),
    [],
    `targets smaller than 24×24 CSS px in state “${state}”`,
  );
}

// Describes how the deepest focused element shows focus.
function focusIndicator() {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === document.body) return { body: true };
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
  // SVG chart nodes show focus with a heavy stroke in the focus colour.
  const rect = el.namespaceURI === 'http://www.w3.org/2000/svg' ? el.querySelector('rect') : null;
  const stroke = rect ? parseFloat(getComputedStyle(rect).strokeWidth) >= 4 : false;
  return {
    body: false,
    visible: outline || shadow || stroke,
    what: `${el.localName}.${el.getAttribute('class') ?? ''} “${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}”`,
    outline: `${style.outlineStyle} ${style.outlineWidth}`,
  };
}

/**
 * Tabs through the page's whole focus order (and back once with Shift+Tab); each stop shows focus.
 * @param {Checked} d
 * @param {string} state
 */
async function assertFocusVisible(d, state) {
  assert.ok(d.press, 'the focus checks press keys');
  await d.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    if (el instanceof HTMLElement || el instanceof SVGElement) el.blur();
  });
  /** @type {string | null | undefined} */
  let first = null;
  let stops = 0;
  for (let i = 0; i < 150; i++) {
    await d.press('Tab');
    const f = await d.evaluate(focusIndicator);
    // Past the last stop focus leaves the page, or wraps to the first.
    if (f.body || f.what === first) break;
    first ??= f.what;
    stops++;
    assert.ok(f.visible, `no visible focus indicator on ${f.what} (outline ${f.outline}) in state “${state}”`);
  }
  // The fewest a widget has: at the start on the iframe page, the answers
  // (two) and the text version's summary.
  assert.ok(stops >= 3, `Tab reached only ${stops} elements in state “${state}”`);
  await d.press('Shift+Tab');
  const back = await d.evaluate(focusIndicator);
  if (!back.body) assert.ok(back.visible, `no visible focus indicator on ${back.what} after Shift+Tab`);
}

// axe leaves SVG text "incomplete" (it cannot tell what is behind it), so
// the chart's text contrast is measured here: each label's fill against
// the fill of the shape it sits on (or the widget's background), 4.5:1
// for its small text; and the lit path and node outlines against the
// background, 3:1 (1.4.11).
function chartContrast() {
  const root = /** @type {ShadowRoot} */ (document.querySelector('decision-widget')?.shadowRoot);
  /** @type {(c: string) => number[] | null} */
  const rgb = (c) => {
    const m = c.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/);
    return m && (m[4] === undefined || parseFloat(m[4]) === 1) ? [m[1], m[2], m[3]].map(Number) : null;
  };
  /** @type {(rgb: number[]) => number} */
  const lum = ([r, g, b]) => {
    const f = (/** @type {number} */ v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  /** @type {(a: number[] | null, b: number[] | null) => number} */
  const ratio = (a, b) => {
    if (!a || !b) return 0;
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const page = rgb(getComputedStyle(/** @type {Element} */ (root.querySelector('.dw'))).backgroundColor);
  /** @type {string[]} */
  const low = [];
  for (const text of root.querySelectorAll('svg.dw-chart-svg text')) {
    const group = text.closest('g');
    const rect = group?.querySelector(':scope > rect');
    const r = ratio(rgb(getComputedStyle(text).fill), rect ? rgb(getComputedStyle(rect).fill) : page);
    if (r < 4.5) low.push(`text “${(text.textContent ?? '').trim()}” in ${group?.getAttribute('class')}: ${r.toFixed(2)}:1`);
  }
  /** @type {[string, 'stroke' | 'fill'][]} */
  const shapes = [
    ['.dw-edge-line.is-taken', 'stroke'],
    ['.dw-edge-line.is-open', 'stroke'],
    ['.dw-node.is-answered rect', 'stroke'],
    ['.dw-node.is-current rect', 'stroke'],
    ['.dw-node.is-reached rect', 'fill'],
    ['.dw-node.is-open rect', 'stroke'],
  ];
  for (const [selector, property] of shapes) {
    for (const el of root.querySelectorAll(selector)) {
      const r = ratio(rgb(getComputedStyle(el)[property]), page);
      if (r < 3) low.push(`${selector} ${property}: ${r.toFixed(2)}:1`);
    }
  }
  return low;
}

/**
 * @param {Checked} d
 * @param {string} state
 */
async function assertChartContrast(d, state) {
  assert.deepEqual(await d.evaluate(chartContrast), [], `chart contrast too low in state “${state}”`);
}

// Boxes the widget draws (a background of their own, or a border) that
// hold nothing a reader can see: the widget draws no empty panel.
function emptyBoxes() {
  const root = /** @type {ShadowRoot} */ (document.querySelector('decision-widget')?.shadowRoot);
  const transparent = (/** @type {string} */ c) => c === 'transparent' || /rgba\(.*,\s*0\)$/.test(c);
  const replaced = 'svg, input, textarea, select, button, progress, img';
  /** @type {string[]} */
  const empty = [];
  for (const el of root.querySelectorAll('*')) {
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml' || el.matches(replaced) || !el.checkVisibility()) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const parent = el.parentElement ? getComputedStyle(el.parentElement).backgroundColor : '';
    const filled = !transparent(style.backgroundColor) && style.backgroundColor !== parent;
    const bordered = ['Top', 'Right', 'Bottom', 'Left'].some(
      (side) =>
        parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`)) > 0 &&
        style.getPropertyValue(`border-${side.toLowerCase()}-style`) !== 'none',
    );
    if (!filled && !bordered) continue;
    const shows =
      /** @type {HTMLElement} */ (el).innerText.trim() !== '' || [...el.querySelectorAll(replaced)].some((child) => child.checkVisibility());
    if (!shows) empty.push(`${el.localName}.${[...el.classList].join('.')} (${Math.round(box.width)}×${Math.round(box.height)})`);
  }
  return empty;
}

/**
 * @param {Checked} d
 * @param {string} state
 */
async function assertNoEmptyBoxes(d, state) {
  assert.deepEqual(await d.evaluate(emptyBoxes), [], `empty boxes in state “${state}”`);
}

/**
 * Every check for one state. Failures are collected on `d.failures`, so
 * that one run reports every state's problems; `assertClean` fails with
 * them all at the end.
 * @param {Checked} d
 * @param {string} state
 */
export async function check(d, state, { focus = false } = {}) {
  d.failures ??= [];
  const checks = [assertNoViolations, assertTargetSizes, assertChartContrast, assertNoEmptyBoxes];
  if (focus) checks.push(assertFocusVisible);
  for (const run of checks) {
    try {
      await run(d, state);
    } catch (error) {
      if (!(error instanceof assert.AssertionError)) throw error;
      (d.failures ??= []).push(error.message);
    }
  }
}

/**
 * Fails with every problem `check` collected on `d`.
 * @param {Checked} d
 */
export function assertClean(d) {
  if (d.failures?.length) assert.fail(d.failures.join('\n\n'));
}

/**
 * Runs in the page before its scripts: makes the clipboard refuse every
 * write, so the widget shows its fields to copy from by hand.
 */
export function refusingClipboard() {
  Object.defineProperty(Navigator.prototype, 'clipboard', {
    configurable: true,
    get: () => ({
      writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')),
      readText: () => Promise.reject(new DOMException('Read permission denied.', 'NotAllowedError')),
    }),
  });
}

/**
 * Answers in turn and waits for the outcome `answers` reach.
 * @param {Toured} d
 * @param {string[]} answers
 */
export async function walk(d, answers) {
  for (const answer of answers) await d.answer(answer);
  const { outcome } = follow(answers);
  if (outcome) await d.waitFor('.dw-outcome h3.dw-outcome-title', OUTCOMES[outcome].title);
}

/**
 * @param {Toured} d
 * @param {ReturnType<typeof wordsOf>} say
 */
async function restart(d, say) {
  await d.expectChange(() => d.clickButton(say('start-over')));
  await d.waitFor('h3.dw-question-text', QUESTIONS['data-freshness'].text);
}

/**
 * Walks the widget through every state a reader can reach on the demo
 * page, checking each: the start, the flowchart as text, mid-path, each
 * outcome with its folded parts open, the Export and Save panels, the
 * refused-copy fields, a saved decision and its rename form. Needs the
 * page opened with `refusingClipboard`; `lang` is the widget's language.
 * @param {Toured} d
 */
export async function tour(d, { focus = true, lang = 'en' } = {}) {
  const say = wordsOf(lang);
  await check(d, 'start', { focus });

  const summary = 'details.dw-text-chart > summary';
  await d.click(summary);
  await d.waitFor('details.dw-text-chart[open]');
  await check(d, 'flowchart as text open');
  await d.click(summary);

  await d.answer('no');
  await d.answer('no');
  await check(d, 'mid-path (no, no)', { focus });

  await d.answer('yes');
  await d.waitFor('.dw-outcome h3.dw-outcome-title', OUTCOMES['fine-tune'].title);
  await check(d, 'outcome fine-tune', { focus });

  // Everything folded, unfolded: what would change it, the practice note,
  // and (on a narrow screen) the flowchart.
  for (const [i, key] of ['what-would-change-it', 'in-practice'].entries()) {
    await d.click(`.dw-outcome > details.dw-fold:nth-of-type(${i + 1}) > summary`);
    await d.waitFor('details.dw-fold[open] > summary', say(key));
  }
  if (await d.evaluate(() => !!document.querySelector('decision-widget')?.shadowRoot?.querySelector('.dw-map-toggle')?.checkVisibility())) {
    await d.clickButton(say('show-chart'));
    await d.waitFor('.dw-map:not(.is-folded) svg.dw-chart-svg');
  }
  await check(d, 'outcome with its folds open');

  // The refused copies: the link field and the export field.
  await d.clickButton(say('copy-link'));
  await d.waitFor('.dw-share input.dw-input');
  await d.clickButton(say('export'));
  await d.waitFor('.dw-export');
  await check(d, 'export panel open');
  await d.clickButton(say('copy-format', { format: say('format-markdown') }));
  await d.waitFor('.dw-export textarea.dw-input');
  await check(d, 'refused-copy fallback fields shown');

  // Save, then open the rename form.
  await d.clickButton(say('save-toggle'));
  await d.fill(say('title-optional'), 'Support bot tone');
  await check(d, 'save form open');
  await d.clickButton(say('save'));
  await d.waitFor('li.dw-saved-item');
  await check(d, 'a saved decision listed');
  await d.clickButton(say('rename-item', { title: 'Support bot tone' }));
  await d.waitFor('form.dw-rename-form');
  await check(d, 'rename form open');
  await d.clickButton(say('cancel'));

  await restart(d, say);
  await walk(d, ['yes']);
  await check(d, 'outcome rag');

  await restart(d, say);
  await walk(d, ['no', 'no', 'no', 'yes']);
  await check(d, 'outcome fine-tune-small-open-weight');
}

/**
 * The link notice, from a damaged link. Needs the page opened at DAMAGED.
 * @param {Toured} d
 */
export async function noticeState(d) {
  await d.waitFor('.dw-step > div.dw-notice[role="status"]');
  await check(d, 'link notice shown', { focus: true });
}

/**
 * The iframe page (embed.html) at the start and at an outcome.
 * @param {Toured} d
 */
export async function iframeStates(d, suffix = '') {
  await check(d, `iframe page, start${suffix}`);
  await walk(d, ['no', 'no', 'no', 'yes']);
  await check(d, `iframe page, outcome${suffix}`);
}

// Accessibility (WCAG 2.2 AA): axe-core finds no violations on the demo
// page, the widget's open shadow root included, in every state a reader
// can reach (start, mid-path, each outcome, the text version open, a
// damaged link's notice, the refused-copy fields, the save list with the
// rename form open), in the light and dark themes, at 360 px wide and with
// reduced motion; and on the iframe page. The chart's SVG text, which axe
// cannot judge, is held to 4.5:1 here, its lit path and outlines to 3:1.
// Every target in the widget is at least 24 × 24 px,
// every focus stop shows a visible focus indicator, and a keyboard-only
// walk (Tab, Shift+Tab, Enter, Space) completes every path without focus
// ever falling back to <body>.
//
// axe is injected with `addScriptTag`; the page's strict CSP would block
// it, so these tests open the page with `bypassCSP`.

import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { OUTCOMES, PATHS, QUESTIONS, follow, pageTest, pathName, useBrowser } from './harness.mjs';

useBrowser();

const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Runs axe over the whole document (shadow roots included); fails with every violation. */
async function assertNoViolations(w, state) {
  const page = w.page;
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(
    (tags) =>
      window.axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((r) => ({
          violations: r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => ({ target: JSON.stringify(n.target), summary: n.failureSummary })),
          })),
          passes: r.passes.length,
        })),
    TAGS,
  );
  if (result.violations.length) {
    const lines = [];
    for (const v of result.violations) {
      lines.push(`  [${v.impact}] ${v.id}: ${v.help}`);
      for (const n of v.nodes) lines.push(`      ${n.target}\n        ${n.summary.replace(/\n/g, '\n        ')}`);
    }
    assert.fail(`axe: ${result.violations.length} violation(s) in state “${state}”:\n${lines.join('\n')}`);
  }
}

// Interactive elements inside the widget, sized (2.5.8). Inline links
// inside a sentence are exempt (2.5.8 "Inline"), as are hidden elements.
function widgetTargets() {
  const root = document.querySelector('decision-widget').shadowRoot;
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
        what: `${el.localName}${el.className?.baseVal !== undefined ? '.' + el.className.baseVal : el.className ? '.' + el.className.split(' ').join('.') : ''} “${(el.getAttribute('aria-label') ?? el.textContent).trim().slice(0, 40)}”`,
        width: Math.round(box.width * 10) / 10,
        height: Math.round(box.height * 10) / 10,
        visible: box.width > 0 && box.height > 0 && style.visibility !== 'hidden',
        inline,
      };
    })
    .filter((t) => t.visible);
}

async function assertTargetSizes(w, state) {
  const targets = await w.page.evaluate(widgetTargets);
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
    what: `${el.localName}.${el.getAttribute('class') ?? ''} “${(el.getAttribute('aria-label') ?? el.textContent).trim().slice(0, 40)}”`,
    outline: `${style.outlineStyle} ${style.outlineWidth}`,
  };
}

/** Tabs through the page's whole focus order (and back once with Shift+Tab); each stop shows focus. */
async function assertFocusVisible(w, state) {
  const page = w.page;
  await page.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    el?.blur?.();
  });
  let first = null;
  let stops = 0;
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(focusIndicator);
    // Past the last stop focus leaves the page, or wraps to the first.
    if (f.body || f.what === first) break;
    first ??= f.what;
    stops++;
    assert.ok(f.visible, `no visible focus indicator on ${f.what} (outline ${f.outline}) in state “${state}”`);
  }
  assert.ok(stops > 3, `Tab reached only ${stops} elements in state “${state}”`);
  await page.keyboard.press('Shift+Tab');
  const back = await page.evaluate(focusIndicator);
  if (!back.body) assert.ok(back.visible, `no visible focus indicator on ${back.what} after Shift+Tab`);
}

// axe leaves SVG text "incomplete" (it cannot tell what is behind it), so
// the chart's text contrast is measured here: each label's fill against
// the fill of the shape it sits on (or the widget's background), 4.5:1
// for its small text; and the lit path and node outlines against the
// background, 3:1 (1.4.11).
function chartContrast() {
  const root = document.querySelector('decision-widget').shadowRoot;
  const rgb = (c) => {
    const m = c.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/);
    return m && (m[4] === undefined || parseFloat(m[4]) === 1) ? [m[1], m[2], m[3]].map(Number) : null;
  };
  const lum = ([r, g, b]) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    if (!a || !b) return 0;
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const page = rgb(getComputedStyle(root.querySelector('.dw')).backgroundColor);
  const low = [];
  for (const text of root.querySelectorAll('svg.dw-chart-svg text')) {
    const group = text.closest('g');
    const rect = group?.querySelector(':scope > rect');
    const r = ratio(rgb(getComputedStyle(text).fill), rect ? rgb(getComputedStyle(rect).fill) : page);
    if (r < 4.5) low.push(`text “${text.textContent.trim()}” in ${group?.getAttribute('class')}: ${r.toFixed(2)}:1`);
  }
  const shapes = [
    ['.dw-edge.is-taken .dw-edge-line', 'stroke'],
    ['.dw-edge.is-open .dw-edge-line', 'stroke'],
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

async function assertChartContrast(w, state) {
  assert.deepEqual(await w.page.evaluate(chartContrast), [], `chart contrast too low in state “${state}”`);
}

/**
 * Every check for one state. Failures are collected on `w.failures`, so
 * that one run reports every state's problems; `assertClean` fails with
 * them all at the end.
 */
async function check(w, state, { focus = false } = {}) {
  w.failures ??= [];
  const checks = [assertNoViolations, assertTargetSizes, assertChartContrast];
  if (focus) checks.push(assertFocusVisible);
  for (const run of checks) {
    try {
      await run(w, state);
    } catch (error) {
      if (!(error instanceof assert.AssertionError)) throw error;
      w.failures.push(error.message);
    }
  }
}

function assertClean(w) {
  if (w.failures?.length) assert.fail(w.failures.join('\n\n'));
}

/** Makes the clipboard refuse every write, so the manual fields appear. */
function refusingClipboard() {
  Object.defineProperty(Navigator.prototype, 'clipboard', {
    configurable: true,
    get: () => ({
      writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')),
      readText: () => Promise.reject(new DOMException('Read permission denied.', 'NotAllowedError')),
    }),
  });
}

async function restart(w) {
  await w.expectChange(() => w.button('Start over').click());
  await w.question.filter({ hasText: QUESTIONS['data-freshness'].text }).waitFor();
}

/** Walks the widget through every state, checking each. */
async function tour(w, { focus = true } = {}) {
  await check(w, 'start', { focus });

  const summary = w.host.locator('details.dw-text-chart > summary');
  await summary.click();
  await w.host.locator('details.dw-text-chart[open]').waitFor();
  await check(w, 'flowchart as text open');
  await summary.click();

  await w.answer('no');
  await w.answer('no');
  await check(w, 'mid-path (no, no)', { focus });

  await w.answer('yes');
  await w.outcomeTitle.filter({ hasText: OUTCOMES['fine-tune'].title }).waitFor();
  await check(w, 'outcome fine-tune', { focus });

  // The refused copies: the link field and the export field.
  await w.button('Copy link').click();
  await w.host.locator('.dw-share input.dw-input').waitFor();
  await w.button('Copy Markdown').click();
  await w.host.locator('.dw-export textarea.dw-input').waitFor();
  await check(w, 'refused-copy fallback fields shown');

  // Save, then open the rename form.
  await w.host.getByLabel('Title (optional)', { exact: true }).fill('Support bot tone');
  await w.button('Save in this browser').click();
  await w.host.locator('li.dw-saved-item').waitFor();
  await check(w, 'a saved decision listed');
  await w.button('Rename Support bot tone').click();
  await w.host.locator('form.dw-rename-form').waitFor();
  await check(w, 'rename form open');
  await w.button('Cancel').click();

  await restart(w);
  await w.walk(['yes']);
  await check(w, 'outcome rag');

  await restart(w);
  await w.walk(['no', 'no', 'no', 'yes']);
  await check(w, 'outcome fine-tune-small-open-weight');
}

const DAMAGED = '#dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=maybe';

const VARIANTS = [
  { name: 'light, desktop', context: {} },
  { name: 'dark colour scheme', context: { colorScheme: 'dark' } },
  { name: '360 px wide', context: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } },
  { name: '360 px wide, dark', context: { viewport: { width: 360, height: 740 }, colorScheme: 'dark' } },
  { name: 'prefers-reduced-motion: reduce', context: { reducedMotion: 'reduce' } },
];

for (const variant of VARIANTS) {
  pageTest(
    `axe, target size and focus: every state, ${variant.name}`,
    {
      context: { bypassCSP: true, ...variant.context },
      beforeLoad: (w) => w.page.addInitScript(refusingClipboard),
    },
    async (w) => {
      await tour(w, { focus: !variant.context.hasTouch });
      assertClean(w);
    },
  );

  pageTest(
    `axe: a damaged link's notice, ${variant.name}`,
    { context: { bypassCSP: true, ...variant.context }, path: DAMAGED },
    async (w) => {
      await w.notice.waitFor();
      await check(w, 'link notice shown', { focus: true });
      assertClean(w);
    },
  );
}

pageTest(
  'with reduced motion nothing moves: no transitions or animations, section links jump',
  { context: { bypassCSP: true, reducedMotion: 'reduce' } },
  async (w) => {
    await w.walk(['yes']);
    const moving = await w.page.evaluate(() => {
      const all = [...document.querySelectorAll('*'), ...document.querySelector('decision-widget').shadowRoot.querySelectorAll('*')];
      return all
        .filter((el) => {
          const s = getComputedStyle(el);
          const long = (v) => v.split(',').some((d) => parseFloat(d) > 0.01);
          return long(s.transitionDuration) || (s.animationName !== 'none' && long(s.animationDuration)) || s.scrollBehavior === 'smooth';
        })
        .map((el) => `${el.localName}.${el.getAttribute('class') ?? ''}`);
    });
    assert.deepEqual(moving, [], 'elements that still move');
    const link = w.host.locator('a.dw-section-link').first();
    await link.click();
    const first = await w.page.evaluate(() => window.scrollY);
    await w.page.waitForTimeout(400);
    assert.equal(await w.page.evaluate(() => window.scrollY), first, 'the section link scrolls at once, not smoothly');
  },
);

// ---------------------------------------------------------------------------
// Keyboard only: Tab / Shift+Tab / Enter / Space, every path, focus never on <body>.

const isAnswer = (label) => (f) =>
  f.inWidget && f.tag === 'button' && f.parentClass.includes('dw-answer-buttons') && f.text === label;

async function assertFocusNotLost(w, after) {
  const lost = await w.page.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return !el || el === document.body || el === document.documentElement;
  });
  assert.ok(!lost, `focus fell back to <body> after ${after}`);
}

/** Presses `key` and waits for the widget event it causes; focus must stay put. */
async function pressForChange(w, key, after) {
  const before = (await w.events()).length;
  await w.page.keyboard.press(key);
  await w.waitForEvents(before + 1);
  // Let the focus effect run.
  await w.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await assertFocusNotLost(w, after);
}

for (const walk of PATHS) {
  pageTest(`keyboard only (Tab, Shift+Tab, Enter, Space): ${pathName(walk)}, then Back and Start over`, async (w) => {
    await w.tabUntil(isAnswer('Yes'), 'the Yes button');
    for (let i = 0; i < walk.answers.length; i++) {
      const label = walk.answers[i] === 'yes' ? 'Yes' : 'No';
      let focused = await w.focused();
      if (!isAnswer(label)(focused)) {
        // Forward to No, and for Yes come back with Shift+Tab.
        await w.tabUntil(isAnswer('No'), 'the No button', 10);
        if (label === 'Yes') {
          await w.page.keyboard.press('Shift+Tab');
          focused = await w.focused();
          assert.ok(isAnswer('Yes')(focused), `Shift+Tab from No reached ${JSON.stringify(focused)}`);
        }
      }
      await pressForChange(w, i % 2 === 0 ? 'Enter' : 'Space', `answer ${i + 1} (${label})`);
    }
    await w.outcomeTitle.filter({ hasText: OUTCOMES[walk.outcome].title }).waitFor();
    const last = (await w.events()).at(-1).detail;
    assert.equal(last.outcome, walk.outcome);
    assert.deepEqual(last.path, follow(walk.answers).path);

    // Back from the outcome, then Start over, by keyboard (after a single
    // answer, Back is already the start: there is no Start over there).
    await w.tabUntil((f) => f.inWidget && f.tag === 'button' && f.text === 'Back', 'Back', 40);
    await pressForChange(w, 'Enter', 'Back');
    if (walk.answers.length > 1) {
      await w.tabUntil((f) => f.inWidget && f.tag === 'button' && f.text === 'Start over', 'Start over', 40);
      await pressForChange(w, 'Space', 'Start over');
    }
    await w.question.filter({ hasText: QUESTIONS['data-freshness'].text }).waitFor();
  });
}

pageTest('keyboard only: a chart node changes an answer, and dismissing a notice keeps focus', { path: DAMAGED }, async (w) => {
  await w.notice.waitFor();
  await w.tabUntil((f) => f.inWidget && f.text === 'Dismiss', 'Dismiss');
  await w.page.keyboard.press('Enter');
  await w.notice.waitFor({ state: 'detached' });
  await assertFocusNotLost(w, 'Dismiss');

  // The link restored data-freshness = no; its chart node goes back to it.
  await w.tabUntil((f) => f.inWidget && f.tag === 'g', 'an answered chart node');
  await pressForChange(w, 'Enter', 'a chart node');
  await w.question.filter({ hasText: QUESTIONS['data-freshness'].text }).waitFor();
});

pageTest('keyboard only: save, rename, cancel, delete, undo and open keep focus in the widget', async (w) => {
  await w.walk(['yes']);
  const title = w.host.getByLabel('Title (optional)', { exact: true });
  await title.focus();
  await w.page.keyboard.type('Kept');
  await w.page.keyboard.press('Enter');
  await w.host.locator('li.dw-saved-item').waitFor();
  await assertFocusNotLost(w, 'Save');

  await w.tabUntil((f) => f.inWidget && f.ariaLabel === 'Rename Kept', 'Rename');
  await w.page.keyboard.press('Enter');
  await w.host.locator('form.dw-rename-form').waitFor();
  await assertFocusNotLost(w, 'Rename');
  assert.equal((await w.focused()).tag, 'input', 'Rename focuses the title field');
  await w.tabUntil((f) => f.inWidget && f.text === 'Cancel', 'Cancel', 10);
  await w.page.keyboard.press('Space');
  await w.host.locator('form.dw-rename-form').waitFor({ state: 'detached' });
  await assertFocusNotLost(w, 'Cancel');

  await w.tabUntil((f) => f.inWidget && f.ariaLabel === 'Delete Kept', 'Delete', 20);
  await w.page.keyboard.press('Enter');
  await w.host.locator('li.dw-saved-item').waitFor({ state: 'detached' });
  await assertFocusNotLost(w, 'Delete');
  // Focus moves to Undo, and after Undo to the restored item's Rename.
  await w.waitForFocus('button', 'Undo', 'the Undo button');
  await w.page.keyboard.press('Space');
  await w.host.locator('li.dw-saved-item').waitFor();
  await w.waitForFocus('button[aria-label="Rename Kept"]', 'Rename', 'the restored item’s Rename button');

  // Open the saved decision from the first question: focus follows to it.
  await w.tabUntil((f) => f.inWidget && f.tag === 'button' && f.text === 'Back', 'Back', 60);
  await pressForChange(w, 'Enter', 'Back');
  await w.tabUntil((f) => f.inWidget && f.ariaLabel === 'Open Kept', 'Open', 60);
  await pressForChange(w, 'Enter', 'Open');
  await w.waitForFocus('.dw-outcome h3.dw-outcome-title', OUTCOMES.rag.title, 'the opened recommendation');
});

pageTest(
  'axe: the iframe page (embed.html), at the start and at an outcome, light and dark',
  { context: { bypassCSP: true }, path: 'embed.html' },
  async (w) => {
    await check(w, 'iframe page, start');
    await w.walk(['no', 'no', 'no', 'yes']);
    await check(w, 'iframe page, outcome');
    await w.page.emulateMedia({ colorScheme: 'dark' });
    await check(w, 'iframe page, outcome, dark');
    assertClean(w);
  },
);

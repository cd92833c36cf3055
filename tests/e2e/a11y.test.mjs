// Accessibility (WCAG 2.2 AA): axe-core finds no violations on the demo
// page, the widget's open shadow root included, in every state a reader
// can reach (start, mid-path, each outcome, the text version open, a
// damaged link's notice, the refused-copy fields, the save list with the
// rename form open), in the light and dark themes, at 360 px wide and with
// reduced motion; on the iframe page; on the gallery of example flows; and
// in the zoomable chart of a 500-node flow (opened, zoomed in, fitted). The chart's SVG text, which axe
// cannot judge, is held to 4.5:1 here, its lit path and outlines to 3:1.
// Every target in the widget is at least 24 × 24 px,
// every focus stop shows a visible focus indicator, and a keyboard-only
// walk (Tab, Shift+Tab, Enter, Space) completes every path without focus
// ever falling back to <body>.
//
// The states and the checks on them live in a11y-checks.mjs, shared with
// a11y-firefox.test.mjs, which runs them in Firefox ESR.
//
// axe is injected with `addScriptTag`; the page's strict CSP would block
// it, so these tests open the page with `bypassCSP`.

import assert from 'node:assert/strict';
import {
  AXE,
  DAMAGED,
  VARIANTS,
  assertClean,
  check,
  iframeStates,
  noticeState,
  refusingClipboard,
  speaking,
  tour,
} from './a11y-checks.mjs';
import { onHost } from './big-flows.mjs';
import { OUTCOMES, PATHS, QUESTIONS, follow, pageTest, pathName, useBrowser } from './harness.mjs';

const shared = useBrowser();

/** The shared checks' driver (see a11y-checks.mjs) over a playwright `WidgetDriver`. */
function driver(w) {
  const page = w.page;
  return {
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    injectAxe: () => page.addScriptTag({ path: AXE }),
    press: (key) => page.keyboard.press(key),
    click: (selector) => w.host.locator(selector).click(),
    clickButton: (name) => w.button(name).click(),
    waitFor: (selector, text) => {
      const found = w.host.locator(selector);
      return (text === undefined ? found : found.filter({ hasText: text })).waitFor();
    },
    fill: (label, value) => w.host.getByLabel(label, { exact: true }).fill(value),
    answer: (answer) => w.answer(answer),
    expectChange: (action) => w.expectChange(action),
  };
}

/** The browser context options for one of the shared variants. */
function contextOf(variant) {
  const context = {};
  if (variant.dark) context.colorScheme = 'dark';
  if (variant.width) context.viewport = { width: variant.width, height: 740 };
  if (variant.touch) Object.assign(context, { isMobile: true, hasTouch: true });
  if (variant.reducedMotion) context.reducedMotion = 'reduce';
  return context;
}

for (const variant of VARIANTS) {
  const context = { bypassCSP: true, ...contextOf(variant) };
  pageTest(
    `axe, target size and focus: every state, ${variant.name}`,
    { context, beforeLoad: (w) => w.page.addInitScript(refusingClipboard) },
    async (w) => {
      const d = driver(w);
      await tour(d, { focus: !variant.touch });
      assertClean(d);
    },
  );

  pageTest(`axe: a damaged link's notice, ${variant.name}`, { context, path: DAMAGED }, async (w) => {
    const d = driver(w);
    await noticeState(d);
    assertClean(d);
  });
}

// Every state in every language the widget speaks (the demo page's widget
// given a `lang`), light and at 360 px dark; Arabic is right to left.
for (const lang of ['de', 'fr', 'es', 'pt', 'ja', 'ar']) {
  for (const variant of [{ name: 'light, desktop' }, { name: '360 px wide, dark', width: 360, dark: true }]) {
    pageTest(
      `axe, target size and focus: every state, in ${lang}, ${variant.name}`,
      {
        context: { bypassCSP: true, ...contextOf(variant) },
        beforeLoad: async (w) => {
          await w.page.addInitScript(refusingClipboard);
          await w.page.addInitScript(speaking, lang);
        },
      },
      async (w) => {
        const d = driver(w);
        await tour(d, { focus: !variant.width, lang });
        assertClean(d);
      },
    );
  }
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
    const before = await w.page.evaluate(() => window.scrollY);
    await link.click();
    // A smooth scroll would still be moving a few frames later; an instant
    // one has already arrived.
    const [first, later] = await w.page.evaluate(async () => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const first = window.scrollY;
      for (let i = 0; i < 5; i++) await frame();
      return [first, window.scrollY];
    });
    assert.notEqual(first, before, 'the section link scrolled');
    assert.equal(later, first, 'the section link scrolls at once, not smoothly');
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
  // Save opens its form and takes focus to its first field.
  await w.tabUntil((f) => f.inWidget && f.tag === 'button' && f.text === 'Save', 'Save');
  await w.page.keyboard.press('Enter');
  await w.waitForFocus('input.dw-input', '', 'the title field of the save form');
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
    const d = driver(w);
    await iframeStates(d);
    await w.page.emulateMedia({ colorScheme: 'dark' });
    await check(d, 'iframe page, outcome, dark');
    assertClean(d);
  },
);

pageTest(
  'axe, target size and focus: the gallery of example flows, light at 1280 px and dark at 360 px, started and mid-path',
  { context: { bypassCSP: true }, path: 'gallery.html', waitReady: false },
  async (w) => {
    const d = driver(w);
    await w.page.waitForFunction(() => window.__dwEvents.length >= 2);
    await check(d, 'gallery, start', { focus: true });
    const first = w.page.locator('decision-widget').first();
    await w.expectChange(() => first.locator('.dw-answer-buttons button').nth(1).click());
    await check(d, 'gallery, one answer');
    await w.page.setViewportSize({ width: 360, height: 740 });
    await w.page.emulateMedia({ colorScheme: 'dark' });
    await w.showChart(first);
    await first.locator('.dw-chart.is-zoomable').waitFor();
    await check(d, 'gallery, 360 px, dark');
    assertClean(d);
  },
);

for (const [name, context] of [
  ['a 360 px phone, dark', { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, colorScheme: 'dark' }],
  ['a desktop, light', { viewport: { width: 1280, height: 900 } }],
]) {
  pageTest(
    `axe, target size and focus: the zoomable chart of a 500-node flow on ${name}, opened, answered, zoomed in and fitted`,
    onHost(shared, 'chain', { bypassCSP: true, ...context }),
    async (w) => {
      const d = driver(w);
      const touch = !!context.hasTouch;
      await check(d, 'a 500-node chain, opened', { focus: !touch });
      // On the phone, the chart unfolded under the question.
      await w.showChart();
      for (let i = 0; i < 3; i++) await w.expectChange(() => w.host.locator('.dw-answer-buttons button').first().click());
      await check(d, 'a 500-node chain, three answers', { focus: !touch });
      await w.button('Zoom in').click();
      await check(d, 'a 500-node chain, zoomed in');
      await w.button('Fit').click();
      await w.host.locator('path.dw-silhouette').first().waitFor();
      // The focus tour starts from the question, as after an answer.
      await w.question.focus();
      await check(d, 'a 500-node chain, fitted: silhouettes', { focus: !touch });
      assertClean(d);
    },
  );
}

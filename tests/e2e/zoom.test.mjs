// Zooming and panning the chart, and flows of the largest size: a chain of
// 498 yes/no questions and a 500-node flow of 8-way questions, each loaded
// by URL into a host page with a strict CSP. On a 360 px phone (touch) and
// on a desktop (mouse, wheel, keyboard) the chart opens readable at its
// current question with buttons named "Zoom in", "Zoom out" and "Fit";
// pinch, drag, Ctrl + wheel and the keys move it through its viewBox; the
// current question stays in view as the reader answers; a drag never
// answers; zoomed out past reading, answered questions are still
// clickable; and motion follows prefers-reduced-motion.
//
// The flows and their host pages: big-flows.mjs.

import assert from 'node:assert/strict';
import { onHost as hostOf } from './big-flows.mjs';
import { pageTest, useBrowser } from './harness.mjs';

const shared = useBrowser();

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
/** `pageTest` options opening the host page of a fixture flow. */
const onHost = (flow, context, extra) => hostOf(shared, flow, context, extra);

// ---------------------------------------------------------------------------
// In the page

/** What the chart shows: its viewBox, box, scale, elements and whether the current node is in view. */
function chartState() {
  const root = document.querySelector('decision-widget').shadowRoot;
  const svg = root.querySelector('svg.dw-chart-svg');
  const box = svg.getBoundingClientRect();
  const [x, y, width, height] = svg.getAttribute('viewBox').split(' ').map(Number);
  const current = root.querySelector('g.dw-node.is-current, g.dw-node.is-reached, .dw-chart-marker');
  const r = current?.getBoundingClientRect();
  // A node's box, or the ring's centre zoomed out past reading.
  const inView = !!r && (current.localName === 'circle'
    ? r.left + r.width / 2 >= box.left && r.left + r.width / 2 <= box.right && r.top + r.height / 2 >= box.top && r.top + r.height / 2 <= box.bottom
    : r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1);
  return {
    viewBox: { x, y, width, height },
    box: { left: box.left, top: box.top, width: box.width, height: box.height },
    scale: box.width / width,
    zoomable: svg.closest('figure').classList.contains('is-zoomable'),
    nodes: svg.querySelectorAll('g.dw-node').length,
    elements: svg.querySelectorAll('*').length,
    silhouettes: svg.querySelectorAll('path.dw-silhouette').length,
    currentInView: inView,
    scrollY: window.scrollY,
  };
}

/** Resolves once the viewBox has stayed the same for three frames: any animation is over. */
function settled() {
  const svg = document.querySelector('decision-widget').shadowRoot.querySelector('svg.dw-chart-svg');
  return new Promise((resolve) => {
    let last = svg.getAttribute('viewBox');
    let same = 0;
    const tick = () => {
      const now = svg.getAttribute('viewBox');
      if (now === last) same++;
      else [last, same] = [now, 0];
      if (same >= 3) resolve(now);
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/**
 * Waits until the current question or outcome is inside the chart's box
 * (the view follows an answer once the widget has drawn it, then glides),
 * and returns the chart's state then; fails with the state after the wait.
 */
async function inView(w, what) {
  // Checked a frame at a time (the page's policy forbids the string a
  // waitForFunction would evaluate), for at most about five seconds.
  for (let frame = 0; frame < 300; frame++) {
    const s = await w.page.evaluate(chartState);
    if (s.currentInView) return s;
    await w.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  }
  assert.fail(`${what}: ${JSON.stringify(await state(w))}`);
}

/** The chart's state once it has settled. */
async function state(w) {
  await w.page.evaluate(settled);
  return w.page.evaluate(chartState);
}

/** The chart's `<svg>`. */
const svgOf = (w) => w.host.locator('svg.dw-chart-svg');
/** The decision-ready or -change detail of the last event. */
const lastDetail = async (w) => (await w.events()).at(-1).detail;

/** Answers the current question with its first choice by tapping (touch) or clicking. */
async function answerFirst(w, how = 'click') {
  const button = w.host.locator('.dw-answer-buttons button').first();
  return w.expectChange(() => (how === 'tap' ? button.tap() : button.click()));
}

/**
 * Touches with CDP: each step lists the touch points (x, y) in the page,
 * a frame (16 ms) apart by the events' own timestamps; the fingers then
 * rest a moment before they lift, as a hand does, so Chromium sees no
 * fling (a tap right after a fling only stops it, and clicks nothing).
 */
async function touch(w, steps) {
  const cdp = await w.page.context().newCDPSession(w.page);
  const points = (ps) => ps.map(([x, y], id) => ({ x, y, id }));
  let timestamp = Date.now() / 1000;
  const send = (type, touchPoints) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints, timestamp: (timestamp += 0.016) });
  await send('touchStart', points(steps[0]));
  for (const step of steps.slice(1)) await send('touchMove', points(step));
  for (let i = 0; i < 12; i++) await send('touchMove', points(steps.at(-1)));
  await send('touchEnd', []);
  await cdp.detach();
}

/** Steps from `from` to `to` (lists of points), in `n` moves. */
function path(from, to, n = 8) {
  return Array.from({ length: n + 1 }, (_, i) => from.map(([x, y], k) => [x + ((to[k][0] - x) * i) / n, y + ((to[k][1] - y) * i) / n]));
}

// ---------------------------------------------------------------------------
// A chain of 498 questions on a phone

pageTest('a 500-node chain on a 360 px phone opens readable at its first question, with the zoom buttons, in a few elements', onHost('chain', PHONE), async (w) => {
  await w.showChart();
  const ready = await lastDetail(w);
  assert.equal(ready.flow, 'chain');
  assert.deepEqual(ready.path, ['q0']);
  const s = await state(w);
  assert.ok(s.zoomable, 'the chart is larger than its box');
  assert.ok(s.scale > 0.75 && s.scale <= 1, `readable: ${s.scale}`);
  assert.ok(s.currentInView, 'the first question is in view');
  assert.ok(s.box.width <= 360 && s.box.height <= 740 * 0.7 + 1, `the box fits the phone: ${JSON.stringify(s.box)}`);
  // A window of the 500 nodes, not all of them.
  assert.ok(s.nodes > 3 && s.nodes < 40, `${s.nodes} nodes drawn`);
  assert.ok(s.elements < 250, `${s.elements} elements in the chart`);
  for (const name of ['Zoom out', 'Zoom in', 'Fit']) await w.button(name).waitFor();
  assert.equal(await svgOf(w).getAttribute('tabindex'), '0', 'the chart takes focus');
  const description = await svgOf(w).getAttribute('aria-describedby');
  assert.match(await w.host.locator(`#${description}`).textContent(), /arrow keys.*\+ and −.*0 shows it whole/s);
});

pageTest('tapping through the chain keeps the current question in view; its share link reopens it', onHost('chain', PHONE), async (w) => {
  await w.showChart();
  for (let i = 1; i <= 12; i++) {
    const event = await answerFirst(w, 'tap');
    assert.equal(event.detail.path.at(-1), `q${i}`);
    const s = await state(w);
    assert.ok(s.currentInView, `question ${i} is in view: ${JSON.stringify(s)}`);
  }
  // The reader looks elsewhere, then answers: the view comes back.
  await w.button('Fit').tap();
  await svgOf(w).focus();
  await w.page.keyboard.press('+');
  await w.page.keyboard.press('+');
  const away = await state(w);
  assert.ok(!away.currentInView, 'zoomed into the middle of the chain, away from the question');
  await answerFirst(w, 'tap');
  const back = await state(w);
  assert.ok(back.currentInView, `the 14th question came into view (from ${JSON.stringify(away.viewBox)})`);
  // A link deep into the chain opens there, with that question in view.
  const link = (await lastDetail(w)).link;
  const other = await w.openInNewContext(new URL(link).pathname.slice(1) + new URL(link).hash, {
    context: PHONE,
    beforeLoad: (o) => onHost('chain', PHONE).beforeLoad(o),
  });
  await other.showChart();
  const reopened = (await other.events())[0].detail;
  assert.deepEqual(reopened.path, (await lastDetail(w)).path);
  assert.ok((await state(other)).currentInView, 'the linked question is in view');
});

pageTest('the zoom buttons step in and out, Fit shows the whole chain, and a button that can do no more says so', onHost('chain', PHONE), async (w) => {
  await w.showChart();
  const start = await state(w);
  await w.button('Zoom in').tap();
  const zoomed = await state(w);
  assert.ok(Math.abs(zoomed.scale / start.scale - 1.5) < 0.02, `one step is 1.5×: ${start.scale} → ${zoomed.scale}`);
  await w.button('Zoom out').tap();
  assert.ok(Math.abs((await state(w)).scale - start.scale) < 0.01, 'and back');
  await w.button('Fit').tap();
  const fit = await state(w);
  assert.ok(Math.abs(fit.viewBox.height - 43_884) < 2, `the whole chain's height shows: ${JSON.stringify(fit)}`);
  const disabled = () => w.page.evaluate(() => [...document.querySelector('decision-widget').shadowRoot.querySelectorAll('[data-zoom]')].map((b) => b.getAttribute('aria-disabled') === 'true'));
  assert.deepEqual(await disabled(), [true, false, true], `Zoom out and Fit can do no more: ${JSON.stringify(fit)}`);
  // Pressing one that can do no more changes nothing and keeps focus.
  await w.button('Zoom out').focus();
  await w.page.keyboard.press('Enter');
  assert.deepEqual((await state(w)).viewBox, fit.viewBox);
  assert.equal((await w.focused()).ariaLabel ?? (await w.focused()).text, 'Zoom out');
  for (let i = 0; i < 14; i++) await w.button('Zoom in').tap();
  await w.page.evaluate(settled);
  assert.equal(await w.button('Zoom in').getAttribute('aria-disabled'), 'true', 'at the largest zoom');
  assert.ok(Math.abs((await state(w)).scale - 3) < 0.01);
});

pageTest('pinching zooms about the fingers, and one finger drags the chart', onHost('chain', PHONE), async (w) => {
  await w.showChart();
  const start = await state(w);
  const cx = start.box.left + start.box.width / 2;
  const cy = start.box.top + start.box.height / 2;
  // Two fingers spread from 60 to 180 px apart: three times the scale.
  await touch(w, path([[cx - 30, cy], [cx + 30, cy]], [[cx - 90, cy], [cx + 90, cy]]));
  const pinched = await state(w);
  assert.ok(Math.abs(pinched.scale / start.scale - 3) < 0.05, `pinched ${start.scale} → ${pinched.scale}`);
  // The drawing point between the fingers stayed there.
  const mid = (s) => s.viewBox.y + ((cy - s.box.top) / s.box.height) * s.viewBox.height;
  assert.ok(Math.abs(mid(pinched) - mid(start)) < 3, `${mid(start)} → ${mid(pinched)}`);
  // One finger 200 px up: the chart follows it.
  await touch(w, path([[cx, cy + 100]], [[cx, cy - 100]]));
  const dragged = await state(w);
  assert.ok(Math.abs((dragged.viewBox.y - pinched.viewBox.y) * dragged.scale - 200) < 4, `dragged ${pinched.viewBox.y} → ${dragged.viewBox.y}`);
  assert.equal(dragged.scrollY, start.scrollY, 'the page did not scroll under the finger');
  // Two fingers together, not apart: zooms out, never past the whole drawing.
  await touch(w, path([[cx - 150, cy], [cx + 150, cy]], [[cx - 2, cy], [cx + 2, cy]], 20));
  const whole = await state(w);
  assert.ok(whole.viewBox.height <= 43_884 + 2 && whole.viewBox.height > 10_000, `zoomed out: ${whole.viewBox.height}`);
});

pageTest('a tap on an answered question goes back to it; a drag that starts on one does not', onHost('chain', PHONE), async (w) => {
  await w.showChart();
  for (let i = 0; i < 3; i++) await answerFirst(w, 'tap');
  const q1 = w.host.locator('g.dw-node.is-answered[data-node]').nth(1);
  const before = (await w.events()).length;
  const box = await q1.boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  // Down (the chart shows its top already, and stays put): a drag all the same.
  await touch(w, path([[x, y]], [[x, y + 60]]));
  await w.page.evaluate(settled);
  // Then a tap on the first question: exactly one change, going back to it.
  await w.host.locator('g.dw-node.is-answered[data-node]').first().tap();
  const events = await w.waitForEvents(before + 1);
  assert.equal(events.length, before + 1, 'the drag changed nothing');
  assert.deepEqual(events.at(-1).detail.path, ['q0']);
});

// ---------------------------------------------------------------------------
// Mouse, wheel and keyboard

pageTest('Ctrl + wheel zooms about the pointer; a plain wheel scrolls the page', onHost('wide', DESKTOP), async (w) => {
  const start = await state(w);
  const [x, y] = [start.box.left + 100, start.box.top + 60];
  const under = (s) => [s.viewBox.x + ((x - s.box.left) * s.viewBox.width) / s.box.width, s.viewBox.y + ((y - s.box.top) * s.viewBox.height) / s.box.height];
  await w.page.mouse.move(x, y);
  await w.page.keyboard.down('Control');
  await w.page.mouse.wheel(0, -200);
  await w.page.keyboard.up('Control');
  const zoomed = await state(w);
  assert.ok(zoomed.scale > start.scale * 1.2, `zoomed in: ${start.scale} → ${zoomed.scale}`);
  const [a, b] = [under(start), under(zoomed)];
  assert.ok(Math.abs(a[0] - b[0]) < 1 && Math.abs(a[1] - b[1]) < 1, `the point under the pointer stayed: ${a} → ${b}`);
  assert.equal(zoomed.scrollY, start.scrollY, 'the page did not scroll');
  await w.page.mouse.wheel(0, 300);
  await w.page.waitForFunction((y0) => window.scrollY > y0, start.scrollY);
  assert.deepEqual((await state(w)).viewBox, zoomed.viewBox, 'a plain wheel leaves the chart alone');
});

pageTest('a mouse drag pans and never answers; a click on an answered question goes back to it', onHost('chain', DESKTOP), async (w) => {
  for (let i = 0; i < 3; i++) await answerFirst(w);
  const start = await state(w);
  const node = w.host.locator('g.dw-node.is-answered[data-node]').first();
  const box = await node.boundingBox();
  const before = (await w.events()).length;
  await w.page.mouse.move(box.x + 20, box.y + 30);
  await w.page.mouse.down();
  await w.page.mouse.move(box.x + 20, box.y - 30, { steps: 5 });
  await w.page.mouse.up();
  const dragged = await state(w);
  assert.ok(Math.abs((dragged.viewBox.y - start.viewBox.y) * dragged.scale - 60) < 2, `the chart followed the pointer up 60 px: ${start.viewBox.y} → ${dragged.viewBox.y}`);
  // The third question, still in view.
  await w.host.locator('g.dw-node.is-answered[data-node="2"]').click();
  const events = await w.waitForEvents(before + 1);
  assert.equal(events.length, before + 1, 'the drag changed nothing');
  assert.deepEqual(events.at(-1).detail.path, ['q0', 'q1', 'q2']);
});

pageTest('the focused chart moves with the keys: + and − zoom, arrows pan, 0 fits; Tab to an answered question brings it into view', onHost('chain', DESKTOP), async (w) => {
  for (let i = 0; i < 6; i++) await answerFirst(w);
  await w.tabUntil((f) => f.inWidget && f.tag === 'svg', 'the chart');
  const start = await state(w);
  await w.page.keyboard.press('+');
  const zoomed = await state(w);
  assert.ok(Math.abs(zoomed.scale / start.scale - 1.5) < 0.02);
  await w.page.keyboard.press('ArrowDown');
  const down = await state(w);
  assert.ok(Math.abs((down.viewBox.y - zoomed.viewBox.y) * down.scale - 48) < 1, 'down by 48 px');
  assert.equal(down.scrollY, start.scrollY, 'the arrow did not scroll the page');
  await w.page.keyboard.press('ArrowUp');
  await w.page.keyboard.press('+');
  const deep = await state(w);
  // Answered questions above the view are drawn, just out of sight: Tab
  // reaches the first, and it comes into view.
  await w.tabUntil((f) => f.inWidget && f.tag === 'g', 'an answered question', 10);
  await w.page.evaluate(settled);
  const inView = await w.page.evaluate(() => {
    const root = document.querySelector('decision-widget').shadowRoot;
    const svg = root.querySelector('svg.dw-chart-svg').getBoundingClientRect();
    const r = root.activeElement.getBoundingClientRect();
    return r.top >= svg.top - 1 && r.bottom <= svg.bottom + 1;
  });
  assert.ok(inView, `the focused question is in view (from ${JSON.stringify(deep.viewBox)})`);
  const back = await w.expectChange(() => w.page.keyboard.press('Enter'));
  assert.ok(back.detail.path.length < 7, `Enter on it went back: ${back.detail.path}`);
  await svgOf(w).focus();
  await w.page.keyboard.press('-');
  await w.page.keyboard.press('0');
  const fit = await state(w);
  assert.ok(fit.viewBox.height >= 43_884 - 2, 'the whole chain');
  assert.equal(await w.button('Fit').getAttribute('aria-disabled'), 'true');
});

// ---------------------------------------------------------------------------
// Zoomed out past reading

pageTest('zoomed out past reading the chart draws silhouettes and a ring at the current question, and an answered question is still clickable', onHost('chain', DESKTOP), async (w) => {
  for (let i = 0; i < 5; i++) await answerFirst(w);
  await w.button('Fit').click();
  const fit = await state(w);
  assert.equal(fit.nodes, 0, 'no node elements');
  assert.ok(fit.silhouettes >= 2 && fit.elements < 20, `${fit.silhouettes} silhouettes, ${fit.elements} elements`);
  assert.ok(fit.currentInView, 'the ring marks the current question');
  // A click where the first question is drawn goes back to it. Zoom in
  // towards the top first, so that it is a few pixels tall.
  for (let i = 0; i < 3; i++) await w.button('Zoom in').click();
  await svgOf(w).focus();
  for (let i = 0; i < 40; i++) await w.page.keyboard.press('ArrowUp');
  const s = await state(w);
  assert.ok(s.silhouettes > 0, 'still silhouettes');
  // The first answered box in the answered questions' path: `M x,y h w v h …`.
  const d = await w.host.locator('path.dw-silhouette.is-answered').getAttribute('d');
  const [x, y, width, height] = d.match(/^M(\d+),(\d+)h(\d+)v(\d+)/).slice(1).map(Number);
  const at = { x: s.box.left + (x + width / 2 - s.viewBox.x) * s.scale, y: s.box.top + (y + height / 2 - s.viewBox.y) * s.scale };
  assert.ok(height * s.scale < 24, `a small target: ${height * s.scale} px`);
  const event = await w.expectChange(() => w.page.mouse.click(at.x, at.y));
  assert.deepEqual(event.detail.path, ['q0']);
});

// ---------------------------------------------------------------------------
// Motion

/** Clicks `name` and counts how often the viewBox changes until it settles. */
async function viewBoxChanges(w, name) {
  await w.page.evaluate(() => {
    const svg = document.querySelector('decision-widget').shadowRoot.querySelector('svg.dw-chart-svg');
    window.__changes = 0;
    new MutationObserver((list) => (window.__changes += list.length)).observe(svg, { attributeFilter: ['viewBox'] });
  });
  await w.button(name).click();
  await w.page.evaluate(settled);
  return w.page.evaluate(() => window.__changes);
}

pageTest('with reduced motion a zoom jumps at once', onHost('wide', { ...DESKTOP, reducedMotion: 'reduce' }), async (w) => {
  assert.equal(await viewBoxChanges(w, 'Zoom in'), 1);
});

pageTest('without reduced motion a zoom moves smoothly over several frames', onHost('wide', { ...DESKTOP, reducedMotion: 'no-preference' }), async (w) => {
  assert.ok((await viewBoxChanges(w, 'Zoom in')) > 3);
});

// ---------------------------------------------------------------------------
// 8-way questions

pageTest('the 500-node flow of 8-way questions: every answer keeps the current node in view, to the outcome', onHost('wide', DESKTOP), async (w) => {
  assert.ok((await state(w)).currentInView);
  for (const n of [3, 5, 2]) {
    await w.expectChange(() => w.host.locator('.dw-answer-buttons button').nth(n).click());
    await inView(w, `after choice ${n}`);
  }
  const detail = await lastDetail(w);
  assert.match(detail.outcome, /^o\d+$/);
  assert.equal(detail.path.length, 4);
});

pageTest('a chart that fits its box has no zoom controls; a narrow window makes the same chart zoomable', { context: DESKTOP }, async (w) => {
  const s = await state(w);
  assert.equal(s.zoomable, false);
  assert.equal(await w.host.locator('.dw-chart-tools').count(), 0);
  assert.equal(await svgOf(w).getAttribute('tabindex'), null);
  await w.page.setViewportSize({ width: 360, height: 740 });
  await w.showChart();
  await w.host.locator('.dw-chart.is-zoomable').waitFor();
  await w.button('Zoom in').waitFor();
  assert.ok((await state(w)).currentInView);
});

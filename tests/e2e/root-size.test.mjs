// The widget sizes itself from its own element, not from the page's root
// font size. Many blog themes (Ghost's Source and Casper among them) set
// `html { font-size: 62.5% }` and size their text in rem; a shadow root
// still follows the page's root, so a widget sized in rem came out at
// 10/16 of its size beside the article's text. Here host pages set the
// root to 62.5 %, 100 % and 20 px, the article's text staying at 17 px and
// its small print at 13 px, as a theme would: the widget must come out the
// same to the pixel on all three, in the script embed, the iframe page and
// the prerendered markup; its text never smaller than the page's small
// print and its title never smaller than the page's text. On a fourth page
// with 20 px text the widget keeps the same proportions to it.
//
// The chart is a drawing (SVG) with its own scale, left out of the text
// measures here; zoom.test.mjs covers it.

import assert from 'node:assert/strict';
import { hostTest, useHosts, widgetIn, writeHost } from './embed-harness.mjs';
import { OUTCOMES, QUESTIONS } from './harness.mjs';

const env = useHosts();

/** Pages as a theme writes them: root size, article text and small print, in rem. */
const PAGES = [
  { name: 'root-62-5', root: '62.5%', text: '1.7rem', small: '1.3rem', px: { text: 17, small: 13 } },
  { name: 'root-100', root: '100%', text: '1.0625rem', small: '0.8125rem', px: { text: 17, small: 13 } },
  { name: 'root-20px', root: '20px', text: '0.85rem', small: '0.65rem', px: { text: 17, small: 13 } },
  // Larger article text: the widget grows with it.
  { name: 'text-20px', root: '20px', text: '1rem', small: '0.8rem', px: { text: 20, small: 16 } },
];

function hostPage({ name, root, text, small }, body) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Root font size ${root}, text ${text}</title>
<style>
  html { font-size: ${root}; }
  body { margin: 0; font: ${text}/1.6 system-ui, sans-serif; }
  article { max-width: 44em; margin: 0 auto; padding: 0 1em; }
  h1 { font-size: 2.2rem; }
  .meta, figcaption { font-size: ${small}; }
  decision-widget { display: block; }
</style>
<script type="module" src="{{WIDGET}}embed.js"></script></head>
<body><article class="${name}"><h1>A post</h1><p class="meta">7 December 2026 · 5 min read</p>
<p class="lead">Should we build this feature on retrieval or fine-tune a model? The flowchart below decides.</p>
${body}
<figure><figcaption>Small print under a figure.</figcaption></figure>
</article></body></html>`;
}

/**
 * Runs in the page (or frame): the widget's text sizes, and the boxes and
 * spacing of every part, in px, keyed by each element's place in the
 * shadow tree; with the page's own text and small print where there is
 * one, and the targets' sizes.
 */
function measure() {
  const host = document.querySelector('decision-widget');
  const root = host.shadowRoot;
  const px = (value) => Math.round(parseFloat(value) * 100) / 100;
  const keyOf = (el) => {
    const parts = [];
    for (let node = el; node && node !== root; node = node.parentNode) {
      const index = node.parentNode ? [...node.parentNode.children].indexOf(node) : 0;
      parts.unshift(`${node.localName}${node.classList.length ? '.' + [...node.classList].join('.') : ''}:${index}`);
    }
    return parts.join('>');
  };
  const texts = [];
  const boxes = {};
  const targets = [];
  for (const el of root.querySelectorAll('*')) {
    if (el.closest('svg') || el.localName === 'link' || el.localName === 'style') continue;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    if (!el.getClientRects().length || style.visibility === 'hidden') continue;
    const key = keyOf(el);
    boxes[key] = {
      font: px(style.fontSize),
      width: px(rect.width),
      height: px(rect.height),
      padding: [style.paddingTop, style.paddingRight, style.paddingBottom, style.paddingLeft].map(px),
      margin: [style.marginTop, style.marginRight, style.marginBottom, style.marginLeft].map(px),
      gap: [style.rowGap, style.columnGap].map((g) => (g === 'normal' ? 0 : px(g))),
    };
    const hidden = rect.width <= 1 || rect.height <= 1;
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (own && !hidden) texts.push({ key, cls: el.className, text: el.textContent.trim().slice(0, 40), size: px(style.fontSize) });
    if (el.matches('button, summary, a, input, textarea') && !hidden) {
      targets.push({ key, text: (el.textContent.trim() || el.getAttribute('title') || el.localName).slice(0, 30), width: px(rect.width), height: px(rect.height) });
    }
  }
  const size = (selector) => {
    const el = document.querySelector(selector);
    return el ? px(getComputedStyle(el).fontSize) : null;
  };
  return {
    base: px(getComputedStyle(host).fontSize),
    pageText: size('p.lead'),
    pageSmall: size('p.meta'),
    width: px(host.getBoundingClientRect().width),
    texts,
    boxes,
    targets,
    title: px(getComputedStyle(root.querySelector('.dw-title')).fontSize),
  };
}

/** Asserts the widget's text against the page's, as the issue asks. */
function assertReadable(m, page, where) {
  const smallest = m.texts.reduce((a, b) => (b.size < a.size ? b : a));
  assert.ok(smallest.size >= page.px.small, `${where}: no text smaller than the page's small print (${page.px.small} px); smallest ${JSON.stringify(smallest)}`);
  assert.ok(m.title >= page.px.text, `${where}: the title (${m.title} px) is not smaller than the page's text (${page.px.text} px)`);
  for (const t of m.targets) {
    assert.ok(t.width >= 24 && t.height >= 24, `${where}: ${JSON.stringify(t)} is at least 24 × 24 px (WCAG 2.5.8)`);
  }
}

/** Asserts that two measures are the same, box for box, to a hundredth of a pixel. */
function assertSame(a, b, where) {
  assert.deepEqual(Object.keys(b.boxes), Object.keys(a.boxes), `${where}: the same parts are shown`);
  for (const [key, box] of Object.entries(a.boxes)) {
    const other = b.boxes[key];
    for (const field of Object.keys(box)) {
      const [x, y] = [box[field], other[field]].map((v) => [v].flat());
      assert.ok(x.every((v, i) => Math.abs(v - y[i]) <= 0.05), `${where}: ${key} ${field} ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
    }
  }
}

/**
 * Asserts that every text in `b` is `factor` times its size in `a`. The
 * chart is drawn in px, so whether it fits its column (or shows its zoom
 * controls and their help) may differ: texts are matched by what they say,
 * and all but the chart's must be in both.
 */
function assertScaled(a, b, factor, where) {
  const id = (t) => `${t.cls}|${t.text}`;
  const sizes = new Map(a.texts.map((t) => [id(t), t.size]));
  const chart = /^dw-chart-(help|caption)/;
  const missing = [...a.texts, ...b.texts].filter((t) => !chart.test(t.cls) && !(sizes.has(id(t)) && b.texts.some((u) => id(u) === id(t))));
  assert.deepEqual(missing, [], `${where}: the same texts`);
  for (const t of b.texts.filter((t) => sizes.has(id(t)))) {
    const expected = sizes.get(id(t)) * factor;
    assert.ok(Math.abs(t.size - expected) <= 0.05, `${where}: ${t.cls} "${t.text}" is ${t.size} px, ${factor.toFixed(4)} × ${sizes.get(id(t))} px`);
  }
}

/** The widget at a question, then at an outcome with its kicker ("Recommendation"). */
async function walkAndMeasure(frame, w) {
  await w.question.filter({ hasText: QUESTIONS['data-freshness'].text }).waitFor();
  await w.host.locator('.dw-title').waitFor();
  const atQuestion = await frame.evaluate(measure);
  await w.answer('no');
  await w.question.filter({ hasText: QUESTIONS.citations.text }).waitFor();
  await w.answer('yes');
  await w.outcome.filter({ hasText: OUTCOMES.rag.title }).waitFor();
  await w.host.locator('.dw-kicker').first().waitFor();
  const atOutcome = await frame.evaluate(measure);
  return { atQuestion, atOutcome };
}

for (const width of [360, 1280]) {
  hostTest(`script embed at ${width} px: the same widget whatever the page's root font size, in proportion to the page's text`, { context: { viewport: { width, height: 900 } } }, async (h) => {
    const seen = {};
    for (const page of PAGES) {
      await writeHost(`${page.name}.html`, hostPage(page, '<decision-widget theme="light"></decision-widget>'));
      await h.page.goto(env.host + `${page.name}.html`);
      const m = await walkAndMeasure(h.page, widgetIn(h.page));
      assert.equal(m.atQuestion.pageText, page.px.text, 'the page sets its text size as meant');
      assert.equal(m.atQuestion.base, page.px.text, "the widget's text is the page's text");
      for (const [state, measured] of Object.entries(m)) assertReadable(measured, page, `${page.name}, ${state}`);
      seen[page.name] = m;
    }
    for (const name of ['root-100', 'root-20px']) {
      for (const state of ['atQuestion', 'atOutcome']) assertSame(seen['root-62-5'][state], seen[name][state], `${name} vs root-62-5, ${state}`);
    }
    // With 20 px text, every text is 20/17 of its size beside 17 px text.
    for (const state of ['atQuestion', 'atOutcome']) assertScaled(seen['root-100'][state], seen['text-20px'][state], 20 / 17, `text-20px, ${state}`);
  });
}

// The iframe page is a document of its own: the host's root cannot reach
// it, but its own stylesheets must not lean on a root size either. Here
// the iframe page's root is set (as a theme's stylesheet would, by
// prepending to embed-page.css) and the widget must not change.
hostTest('iframe page: the widget is the same whatever its page\'s root font size', async (h) => {
  await writeHost('root-iframe.html', hostPage(PAGES[0], `<iframe src="{{WIDGET}}embed.html?flow=rag-vs-fine-tuning" title="RAG or fine-tuning?" width="100%" height="900" frameborder="0"></iframe>`));
  const seen = {};
  for (const root of ['62.5%', '100%', '20px']) {
    await h.page.unroute('**/embed-page.css').catch(() => {});
    await h.page.route('**/embed-page.css', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: `html { font-size: ${root}; }\n` + (await response.text()) });
    });
    await h.page.goto(env.host + 'root-iframe.html');
    const frame = h.page.frameLocator('iframe');
    const handle = await (await h.page.locator('iframe').elementHandle()).contentFrame();
    seen[root] = await walkAndMeasure(handle, widgetIn(frame));
    assert.equal(await handle.evaluate(() => getComputedStyle(document.documentElement).fontSize), root === '62.5%' ? '10px' : root === '100%' ? '16px' : '20px');
  }
  for (const root of ['100%', '20px']) {
    for (const state of ['atQuestion', 'atOutcome']) assertSame(seen['62.5%'][state], seen[root][state], `iframe page, root ${root} vs 62.5 %, ${state}`);
  }
  for (const state of ['atQuestion', 'atOutcome']) {
    const m = seen['62.5%'][state];
    assert.ok(m.title >= m.base, `the title (${m.title} px) is not smaller than the widget's text (${m.base} px)`);
  }
});

// The prerendered widget (the iframe page before its script runs, and as a
// reader without JavaScript sees it): the same stylesheets, the same sizes.
hostTest('prerendered markup: the same whatever the page\'s root font size', { context: { javaScriptEnabled: false } }, async (h) => {
  const seen = {};
  for (const root of ['62.5%', '100%', '20px']) {
    await h.page.unroute('**/embed-page.css').catch(() => {});
    await h.page.route('**/embed-page.css', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: `html { font-size: ${root}; }\n` + (await response.text()) });
    });
    await h.page.goto(env.widget + 'embed.html');
    const w = widgetIn(h.page);
    await w.question.waitFor();
    seen[root] = await h.page.evaluate(measure);
    assert.ok(seen[root].texts.length > 3, 'the prerendered widget shows its text');
  }
  for (const root of ['100%', '20px']) assertSame(seen['62.5%'], seen[root], `prerendered, root ${root} vs 62.5 %`);
});

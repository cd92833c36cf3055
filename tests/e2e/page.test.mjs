// The widget on its article page: links to the article's sections, themes,
// a phone-sized screen, the text version of the chart, a bad `flow`
// attribute, and the promise that nothing is fetched from anywhere else.

import assert from 'node:assert/strict';
import { OUTCOMES, QUESTIONS, QUESTION_ORDER, isLocal, pageTest, useBrowser } from './harness.mjs';

useBrowser();

/** Whether the element with `id` in the document lies (partly) in the viewport. */
const inViewport = (id) => {
  const r = document.getElementById(id).getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight;
};

pageTest(
  'a reason’s "Read:" link scrolls to and focuses the article section, leaving the URL alone',
  { context: { viewport: { width: 1280, height: 600 }, reducedMotion: 'reduce' } },
  async (w) => {
    const { page } = w;
    await w.answer('yes');
    await w.outcomeTitle.waitFor();
    const links = w.host.locator('.dw-reasons a.dw-section-link');
    assert.equal(await links.count(), 4, 'each of the four reasons links its section');
    const link = links.first();
    assert.equal((await link.textContent()).trim(), 'Read: RAG is the default');
    assert.equal(await link.getAttribute('href'), '#rag-is-the-default');
    // The practice note links its own section.
    assert.equal(
      (await w.host.locator('.dw-practice a.dw-section-link').textContent()).trim(),
      'Read: In practice: build RAG first, then measure',
    );

    await link.scrollIntoViewIfNeeded();
    assert.equal(await page.evaluate(inViewport, 'rag-is-the-default'), false, 'the section starts out of view');
    const before = await page.evaluate(() => ({ href: location.href, hash: location.hash, length: history.length }));
    await link.click();

    await page.waitForFunction(() => document.activeElement?.id === 'rag-is-the-default');
    await page.waitForFunction(inViewport, 'rag-is-the-default');
    const after = await page.evaluate(() => ({ href: location.href, hash: location.hash, length: history.length }));
    assert.deepEqual(after, before, 'location and history are untouched');
    // Following a link is not a change of the decision.
    assert.equal((await w.events()).length, 2);
  },
);

pageTest('the "Read:" link of another outcome reaches a section below the widget', async (w) => {
  const { page } = w;
  for (const a of ['no', 'no', 'yes']) await w.answer(a);
  await w.outcomeTitle.filter({ hasText: OUTCOMES['fine-tune'].title }).waitFor();
  const link = w.host.locator('.dw-reasons a.dw-section-link', { hasText: 'Read: Style' });
  assert.equal(await link.getAttribute('href'), '#fine-tuning-for-style');
  const hash = await page.evaluate(() => location.hash);
  await link.click();
  await page.waitForFunction(() => document.activeElement?.id === 'fine-tuning-for-style');
  await page.waitForFunction(inViewport, 'fine-tuning-for-style');
  assert.equal(await page.evaluate(() => location.hash), hash, 'the fragment is untouched');
});

/** The computed background of the widget's `.dw`, as [r, g, b]. */
async function background(w) {
  const color = await w.root.evaluate((el) => getComputedStyle(el).backgroundColor);
  const m = color.match(/rgba?\((\d+),\s*(\d+),\s*(\d+)/);
  assert.ok(m, `a colour: ${color}`);
  return m.slice(1, 4).map(Number);
}
const luminance = ([r, g, b]) => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;

pageTest('follows a dark colour scheme under theme="auto"', { context: { colorScheme: 'dark' } }, async (w) => {
  assert.equal(await w.host.getAttribute('theme'), 'auto');
  const dark = await background(w);
  await w.page.emulateMedia({ colorScheme: 'light' });
  const light = await background(w);
  assert.notDeepEqual(dark, light, 'the background differs between schemes');
  assert.ok(luminance(dark) < 0.3, `dark background is dark: ${dark}`);
  assert.ok(luminance(light) > 0.8, `light background is light: ${light}`);
  // The text flips too, and stays readable.
  await w.page.emulateMedia({ colorScheme: 'dark' });
  const fg = await w.root.evaluate((el) => getComputedStyle(el).color);
  assert.ok(luminance(fg.match(/\d+/g).slice(0, 3).map(Number)) > 0.7, `light text on dark: ${fg}`);
});

pageTest(
  'theme="light" stays light under a dark colour scheme; theme="dark" is dark under a light one',
  {
    context: { colorScheme: 'dark' },
    // Set the attribute as the parser creates the element, before embed.js
    // (a module script, so deferred) defines it.
    beforeLoad: (w) =>
      w.page.addInitScript(() => {
        new MutationObserver((records, observer) => {
          for (const r of records) {
            for (const node of r.addedNodes) {
              if (node.localName === 'decision-widget') {
                node.setAttribute('theme', 'light');
                observer.disconnect();
              }
            }
          }
        }).observe(document, { childList: true, subtree: true });
      }),
  },
  async (w) => {
    assert.equal(await w.host.getAttribute('theme'), 'light');
    const light = await background(w);
    assert.ok(luminance(light) > 0.8, `theme="light" under dark scheme is light: ${light}`);

    await w.page.emulateMedia({ colorScheme: 'light' });
    assert.deepEqual(await background(w), light, 'the same light as under a light scheme');
    await w.host.evaluate((el) => el.setAttribute('theme', 'dark'));
    const dark = await background(w);
    assert.ok(luminance(dark) < 0.3, `theme="dark" under light scheme is dark: ${dark}`);
  },
);

/** Asserts nothing is wider than a `width`-pixel screen and the chart fits. */
async function assertFits(w, width, when) {
  const sizes = await w.page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
  }));
  assert.ok(sizes.scroll <= width, `${when}: page scrollWidth ${sizes.scroll} <= ${width}`);
  assert.ok(sizes.body <= width, `${when}: body scrollWidth ${sizes.body} <= ${width}`);
  const fit = await w.chart.evaluate((svg) => {
    const s = svg.getBoundingClientRect();
    const c = svg.parentElement.getBoundingClientRect();
    const dw = svg.getRootNode().querySelector('.dw');
    return {
      svg: { left: s.left, right: s.right, width: s.width, height: s.height },
      box: { left: c.left, right: c.right },
      dw: { scroll: dw.scrollWidth, client: dw.clientWidth },
    };
  });
  assert.ok(fit.svg.width > 0 && fit.svg.height > 0, `${when}: the chart is drawn`);
  assert.ok(fit.svg.left >= fit.box.left - 0.5 && fit.svg.right <= fit.box.right + 0.5, `${when}: the chart fits its container ${JSON.stringify(fit)}`);
  assert.ok(fit.svg.right <= width, `${when}: the chart ends inside the screen ${JSON.stringify(fit)}`);
  assert.ok(fit.dw.scroll <= fit.dw.client + 1, `${when}: nothing in the widget overflows it ${JSON.stringify(fit.dw)}`);
}

pageTest(
  'fits a 360 px wide screen, before and after a decision',
  { context: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
  async (w) => {
    assert.equal(await w.page.evaluate(() => window.innerWidth), 360);
    // On a phone the chart is folded under the question until asked for.
    assert.equal(await w.chart.isVisible(), false, 'at load the chart is folded');
    const show = w.button('Show the flowchart');
    assert.equal(await show.getAttribute('aria-expanded'), 'false');
    await show.click();
    assert.equal(await w.button('Hide the flowchart').getAttribute('aria-expanded'), 'true');
    await assertFits(w, 360, 'at load');
    for (const a of ['no', 'no', 'no', 'yes']) await w.answer(a);
    await w.outcomeTitle.waitFor();
    await assertFits(w, 360, 'with the longest recommendation');
    await w.host.locator('details.dw-text-chart > summary').click();
    await assertFits(w, 360, 'with the text chart open');
  },
);

pageTest('the text version of the chart lists every question and recommendation', async (w) => {
  const details = w.host.locator('details.dw-text-chart');
  assert.equal((await details.locator('summary').textContent()).trim(), 'The flowchart as text');
  await details.locator('summary').click();
  await w.page.waitForFunction(() =>
    document.querySelector('decision-widget').shadowRoot.querySelector('details.dw-text-chart').open,
  );
  const questions = details.locator(':scope > ol > li');
  assert.equal(await questions.count(), 4);
  assert.deepEqual(
    (await details.locator('.dw-text-q').allTextContents()).map((t) => t.trim()),
    QUESTION_ORDER.map((id) => QUESTIONS[id].text),
  );
  // Where each answer of the first question leads.
  const first = (await questions.first().locator('ul > li').allTextContents()).map((t) => t.trim());
  assert.deepEqual(first, [
    `Yes: recommendation: ${OUTCOMES.rag.title}`,
    `No: question “${QUESTIONS.citations.text}”`,
  ]);
  // Each recommendation's title, before its summary (“Title: summary”).
  const outcomes = details.locator(':scope > ul > li > strong');
  assert.deepEqual(
    (await outcomes.allTextContents()).map((t) => t.trim().replace(/:$/, '')).sort(),
    Object.values(OUTCOMES).map((o) => o.title).sort(),
  );
  assert.equal(await details.locator('.dw-text-mark').count(), 0);
  // The reader's answers are marked.
  await w.answer('no');
  await details.locator('.dw-text-mark').first().waitFor();
  assert.equal(await details.locator('.dw-text-mark').count(), 1);
  assert.match(await questions.first().locator('ul > li').nth(1).textContent(), /^No: .*\(your answer\)$/);
});

pageTest('an unknown flow shows the widget’s error message', async (w) => {
  const { page } = w;
  const before = (await w.events()).length;
  await page.evaluate(() => {
    const old = document.querySelector('decision-widget');
    const replacement = document.createElement('decision-widget');
    replacement.setAttribute('flow', 'nope');
    old.replaceWith(replacement);
  });
  const alert = w.host.getByRole('alert');
  await alert.waitFor();
  assert.equal(await page.locator('decision-widget').count(), 1);
  assert.equal((await alert.locator('h2').textContent()).trim(), 'This decision flow could not be shown');
  assert.match(await alert.textContent(), /There is no built-in flow named “nope”\. The built-in flow is “rag-vs-fine-tuning”\./);
  assert.equal(await w.host.locator('.dw-answer-buttons').count(), 0, 'no questions under the error');
  assert.equal((await w.events()).length, before, 'an unusable flow sends no events');
  // The side panel keeps its last state; nothing broke.
  assert.equal((await w.panel.textContent()).trim(), 'Answer the questions in the flowchart to see it here.');
});

pageTest('requests go nowhere but the local server', async (w) => {
  for (const a of ['no', 'no', 'no', 'no']) await w.answer(a);
  await w.outcomeTitle.waitFor();
  await w.host.locator('details.dw-text-chart > summary').click();
  await w.host.locator('.dw-reasons a.dw-section-link').first().click();
  await w.page.waitForFunction(() => document.activeElement?.id === 'rag-is-the-default');
  const requests = [...w.requests];
  const paths = requests.map((url) => new URL(url).pathname);
  for (const needed of ['/', '/embed.js', '/decision_widget_hydrate.js', '/decision_widget_hydrate_bg.wasm', '/widget.css']) {
    assert.ok(paths.includes(needed), `${needed} was loaded: ${paths.join(', ')}`);
  }
  assert.deepEqual(requests.filter((url) => !isLocal(url, w.origin)), []);
  assert.equal(paths.filter((p) => p.endsWith('.wasm')).length, 1, 'the wasm is fetched once');
});

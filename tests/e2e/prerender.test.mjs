// The prerendered widget: the release build writes the widget, at the start
// of the built-in flow, into index.html and embed.html as a declarative
// shadow root, with a <noscript> outline of the whole flow after it. These
// tests check what a reader gets from that markup: the first question and
// the chart before the WebAssembly arrives, a hydration that takes the
// markup over without moving anything, a share link that still wins, and
// a readable flow with JavaScript off.
//
// To look at the page "before the WebAssembly arrives", the request for
// decision_widget_hydrate_bg.wasm is held back with page.route and released when
// the test is ready; nothing waits on a clock.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  FLOW_ID,
  OUTCOMES,
  QUESTIONS,
  WAIT,
  answersObject,
  expectedChart,
  follow,
  linkCode,
  pageTest,
  useBrowser,
} from './harness.mjs';

useBrowser();

const FLOW = JSON.parse(await readFile(new URL('../../static/flows/rag-vs-fine-tuning.json', import.meta.url), 'utf8'));
const TEA = await readFile(new URL('./hosts/flows/tea.json', import.meta.url), 'utf8');

/**
 * Holds back the page's request for the WebAssembly until `release()`.
 * `requested` resolves once the page asked for it, which happens only
 * after embed.js has run, so the document is parsed by then.
 */
async function holdWasm(page) {
  let arrived;
  const requested = new Promise((resolve) => (arrived = resolve));
  let released = false;
  await page.route('**/decision_widget_hydrate_bg.wasm', (route) => arrived(route));
  return {
    requested: requested.then(() => undefined),
    async release() {
      assert.ok(!released, 'the wasm is released once');
      released = true;
      await (await requested).continue();
    },
  };
}

/** pageTest options for a page whose wasm is held back as `w.wasm`. */
const WASM_HELD = {
  waitReady: false,
  beforeLoad: async (w) => {
    w.wasm = await holdWasm(w.page);
  },
};

/** Runs in the page before its scripts: keeps every layout shift it sees. */
function watchLayoutShifts() {
  window.__shifts = [];
  const keep = (entries) => {
    for (const entry of entries) {
      window.__shifts.push({
        value: entry.value,
        hadRecentInput: entry.hadRecentInput,
        sources: (entry.sources ?? []).map((source) => {
          const node = source.node;
          const name = node ? `${node.nodeName.toLowerCase()}.${node.className?.baseVal ?? node.className ?? ''}` : '?';
          const rect = (r) => [r.x, r.y, r.width, r.height].map(Math.round).join(',');
          return `${name} ${rect(source.previousRect)} → ${rect(source.currentRect)}`;
        }),
      });
    }
  };
  const observer = new PerformanceObserver((list) => keep(list.getEntries()));
  observer.observe({ type: 'layout-shift', buffered: true });
  // Entries not yet handed to the callback, for the moment the test reads.
  window.__flushShifts = () => keep(observer.takeRecords());
}

/**
 * Layout shifts so far, once the page has painted at least one more frame
 * (shift entries are made when a frame is rendered).
 */
async function layoutShifts(page) {
  await settle(page);
  return page.evaluate(() => {
    window.__flushShifts();
    return window.__shifts;
  });
}

/** Lets the page finish what it started: two frames and a task. */
function settle(page) {
  return page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve)))),
  );
}

/** The widget's shadow root's `.dw-root` elements, described. */
function roots(page) {
  return page.evaluate(() =>
    [...document.querySelector('decision-widget').shadowRoot.querySelectorAll('.dw-root')].map((root) => ({
      prerendered: root.dataset.prerendered ?? null,
    })),
  );
}

/** Whether two element handles are the same node, and it is in the page. */
function sameConnected(page, a, b) {
  return page.evaluate(([a, b]) => ({ same: a === b, connected: a.isConnected }), [a, b]);
}

// ---------------------------------------------------------------------------
// Before the WebAssembly

pageTest(
  'before the wasm arrives, the demo page shows the first question and the chart, styled by widget.css',
  WASM_HELD,
  async (w) => {
    const { page } = w;
    await w.wasm.requested;
    // Still before the widget: nothing sent, the markup is the build's.
    assert.deepEqual(await w.events(), [], 'no widget event before the wasm');
    assert.deepEqual(await roots(page), [{ prerendered: FLOW_ID }], 'one prerendered root, not yet taken over');

    // The first question and its help, on screen.
    await w.question.waitFor({ state: 'visible' });
    assert.equal((await w.question.textContent()).trim(), QUESTIONS['data-freshness'].text);
    assert.equal((await w.progress.textContent()).trim(), 'Question 1 of at most 4');

    // The whole chart, laid out at its size, with every node.
    await w.chart.waitFor({ state: 'visible' });
    const box = await w.chart.boundingBox();
    assert.ok(box && box.width > 200 && box.height > 200, `the chart has a size: ${JSON.stringify(box)}`);
    const states = Object.fromEntries(
      (await w.chartNodes()).map((n) => [n.label, n.classes.filter((c) => c.startsWith('is-')).join(' ')]),
    );
    assert.deepEqual(states, expectedChart([]).nodes, 'the chart is at the start of the flow');
    // Its shapes are painted by widget.css (an unstyled SVG rect is black).
    const rectFill = await w.chart.locator('g.dw-node.is-current rect').evaluate((el) => getComputedStyle(el).fill);
    assert.notEqual(rectFill, 'rgb(0, 0, 0)', 'the current node is filled by widget.css');

    // The title's look is widget.css's rule, not the browser's default h2.
    const title = await w.host.locator('h2.dw-title').evaluate((el) => {
      const shadow = el.getRootNode();
      const sheet = [...shadow.styleSheets].find((s) => s.href?.endsWith('/widget.css'));
      const rule = sheet && [...sheet.cssRules].find((r) => r.selectorText === '.dw-title');
      const style = getComputedStyle(el);
      // The widget's own text size: that of its element.
      const base = parseFloat(getComputedStyle(shadow.host).fontSize);
      return {
        sheets: [...shadow.styleSheets].map((s) => s.href.split('/').pop()),
        rule: rule ? { fontSize: rule.style.fontSize, margin: rule.style.margin, lineHeight: rule.style.lineHeight } : null,
        fontSize: style.fontSize,
        marginTop: style.marginTop,
        lineHeight: style.lineHeight,
        base,
      };
    });
    assert.deepEqual(title.sheets, ['isolation.css', 'widget.css'], 'the shadow root holds the widget stylesheets');
    assert.deepEqual(title.rule, { fontSize: '1.25em', margin: '0px', lineHeight: '1.3' }, 'widget.css styles the title');
    assert.equal(title.fontSize, `${1.25 * title.base}px`);
    assert.equal(title.marginTop, '0px', 'no default h2 margin');
    assert.ok(Math.abs(parseFloat(title.lineHeight) - 1.25 * title.base * 1.3) < 0.01, `line height ${title.lineHeight}`);
    // The frame of the widget too.
    assert.equal(await w.root.evaluate((el) => getComputedStyle(el).borderTopStyle), 'solid');

    // Then the wasm: the widget comes alive in place.
    await w.wasm.release();
    const [ready] = await w.waitForEvents(1);
    assert.equal(ready.type, 'decision-ready');
    assert.deepEqual(ready.detail.answers, {});
  },
);

// ---------------------------------------------------------------------------
// Hydration

pageTest(
  'hydration takes over the prerendered markup and nothing shifts, from load through the first click',
  {
    waitReady: false,
    // Tall enough that the whole widget and the side panel are in view:
    // shifts are only counted for what is on screen.
    context: { viewport: { width: 1280, height: 2400 } },
    beforeLoad: async (w) => {
      await w.page.addInitScript(watchLayoutShifts);
      w.wasm = await holdWasm(w.page);
    },
  },
  async (w) => {
    const { page } = w;
    await w.wasm.requested;
    await w.question.waitFor({ state: 'visible' });
    const inView = await w.root.evaluate((el) => el.getBoundingClientRect().bottom <= innerHeight);
    assert.ok(inView, 'the whole widget is in the viewport');
    // Handles on the prerendered nodes, taken before any wasm ran.
    const heading = await w.question.elementHandle();
    const svg = await w.chart.elementHandle();
    const root = await w.host.locator('.dw-root').elementHandle();
    const button = await w.answerButton('no').elementHandle();
    const beforeBox = await w.question.boundingBox();

    await w.wasm.release();
    const [ready] = await w.waitForEvents(1);
    assert.equal(ready.type, 'decision-ready');
    assert.deepEqual(ready.detail.answers, {});
    // embed.js marks the root as taken over once the widget is mounted on it.
    assert.deepEqual(await roots(page), [{ prerendered: null }], 'one root, hydrated');

    // The nodes on screen are the prerendered ones, still in the page.
    for (const [name, before, now] of [
      ['the root', root, w.host.locator('.dw-root')],
      ['the question heading', heading, w.question],
      ['the chart', svg, w.chart],
      ['the No button', button, w.answerButton('no')],
    ]) {
      const { same, connected } = await sameConnected(page, before, await now.elementHandle());
      assert.ok(connected, `${name} from the prerendered page is still connected`);
      assert.ok(same, `${name} shown after decision-ready is the prerendered node`);
    }
    const afterBox = await w.question.boundingBox();

    // The prerendered button now works.
    const change = await w.answer('no');
    assert.deepEqual(change.detail.answers, { 'data-freshness': 'no' });
    await w.question.filter({ hasText: QUESTIONS.citations.text }).waitFor();
    assert.equal(
      (await page.evaluate((el) => el.isConnected, heading)) && (await heading.textContent()).trim(),
      QUESTIONS.citations.text,
      'the heading the reader saw first now asks the next question',
    );

    // Layout shifts not caused by the reader's own input (Chrome marks
    // shifts within 500 ms of a click with hadRecentInput) must sum to 0.
    const shifts = await layoutShifts(page);
    const unexpected = shifts.filter((s) => !s.hadRecentInput);
    const total = unexpected.reduce((sum, s) => sum + s.value, 0);
    assert.equal(total, 0, `layout shift without recent input: ${JSON.stringify(unexpected)}`);
    assert.deepEqual(afterBox, beforeBox, 'hydration did not move the question');
  },
);

// ---------------------------------------------------------------------------
// Presses before hydration: none is lost, none is given twice

pageTest(
  'a click on prerendered markup before the wasm arrives is kept and applied once the widget is ready, once',
  WASM_HELD,
  async (w) => {
    await w.wasm.requested;
    await w.question.filter({ hasText: QUESTIONS['data-freshness'].text }).waitFor();
    // The reader answers No while the widget is still on its way, then
    // presses again as nothing seems to happen.
    await w.answerButton('no').click();
    await w.answerButton('no').click();
    assert.deepEqual(await w.events(), [], 'nothing is told before the widget is ready');
    assert.equal(
      await w.host.locator('.dw-root').getAttribute('aria-busy'),
      'true',
      'the markup says the widget is on its way',
    );

    await w.wasm.release();
    const [ready, change] = await w.waitForEvents(2);
    assert.equal(ready.type, 'decision-ready');
    assert.deepEqual(ready.detail.answers, {}, 'ready at the start, as prerendered');
    assert.equal(change.type, 'decision-change');
    assert.deepEqual(change.detail.answers, { 'data-freshness': 'no' }, 'the click answered the first question');
    await w.question.filter({ hasText: QUESTIONS.citations.text }).waitFor();
    assert.equal(await w.host.locator('.dw-root').getAttribute('aria-busy'), null, 'no longer busy');

    // The second press was not kept: the next answer is the second one.
    const next = await w.answer('no');
    assert.deepEqual(next.detail.answers, answersObject(['no', 'no']));
    assert.equal((await w.events()).length, 3, 'ready and two changes: the early press counted once');
  },
);

pageTest('Enter on a prerendered button before the wasm arrives answers once the widget is ready', WASM_HELD, async (w) => {
  await w.wasm.requested;
  await w.question.filter({ hasText: QUESTIONS['data-freshness'].text }).waitFor();
  // The keyboard reaches the markup's buttons before any script of the widget.
  await w.answerButton('yes').focus();
  await w.page.keyboard.press('Enter');
  await w.wasm.release();
  const [ready, change] = await w.waitForEvents(2);
  assert.equal(ready.type, 'decision-ready');
  assert.deepEqual(change.detail.answers, answersObject(['yes']));
  assert.equal(change.detail.outcome, follow(['yes']).outcome);
  await w.outcomeTitle.filter({ hasText: OUTCOMES[follow(['yes']).outcome].title }).waitFor();
});

pageTest(
  'a click before the wasm arrives is dropped when a share link opens the widget elsewhere',
  {
    ...WASM_HELD,
    path: `#${linkCode(['no', 'no'])}`,
  },
  async (w) => {
    await w.wasm.requested;
    await w.answerButton('yes').click();
    await w.wasm.release();
    const [ready] = await w.waitForEvents(1);
    assert.deepEqual(ready.detail.answers, answersObject(['no', 'no']), 'the link wins');
    await w.question.filter({ hasText: QUESTIONS[follow(['no', 'no']).current].text }).waitFor();
    // The press was for the first question, which the reader no longer
    // sees: the next change is the reader's own.
    const change = await w.answer('no');
    assert.deepEqual(change.detail.answers, answersObject(['no', 'no', 'no']));
    assert.equal((await w.events()).length, 2, 'nothing but the reader’s own answer after ready');
  },
);

// ---------------------------------------------------------------------------
// Share links

pageTest('a share link opened on the demo page wins once hydrated, with one decision-ready and the URL kept', async (w) => {
  // A link the widget itself issued.
  const answers = ['no', 'no', 'yes'];
  let change;
  for (const answer of answers) change = await w.answer(answer);
  const { link } = change.detail;
  assert.equal(link, `${w.url}#${linkCode(answers)}`, 'the link names the decision');

  const other = await w.openInNewContext(link.slice(w.url.length), {
    waitReady: false,
    beforeLoad: async (o) => {
      o.wasm = await holdWasm(o.page);
    },
  });
  await other.wasm.requested;
  // Before the wasm: the prerendered start, as built.
  await other.question.filter({ hasText: QUESTIONS['data-freshness'].text }).waitFor();
  const root = await other.host.locator('.dw-root').elementHandle();
  const opened = await other.location();

  await other.wasm.release();
  const [ready] = await other.waitForEvents(1);
  assert.equal(ready.type, 'decision-ready');
  const { path, outcome } = follow(answers);
  assert.deepEqual(
    { answers: ready.detail.answers, path: ready.detail.path, outcome: ready.detail.outcome, link: ready.detail.link },
    { answers: answersObject(answers), path, outcome, link },
    'decision-ready carries the link’s decision, not the start',
  );
  // The widget shows that decision, on the prerendered root.
  await other.outcomeTitle.filter({ hasText: OUTCOMES[outcome].title }).waitFor();
  assert.equal(await other.question.count(), 0, 'no question is shown with the outcome');
  const states = Object.fromEntries(
    (await other.chartNodes()).map((n) => [n.label, n.classes.filter((c) => c.startsWith('is-')).join(' ')]),
  );
  assert.deepEqual(states, expectedChart(answers).nodes, 'the chart shows the link’s path');
  const { same, connected } = await sameConnected(other.page, root, await other.host.locator('.dw-root').elementHandle());
  assert.ok(connected && same, 'the link’s state is drawn on the prerendered root');
  await other.panel.filter({ hasText: OUTCOMES[outcome].title }).waitFor();

  // Nothing else is sent, and the URL stays exactly as opened.
  await settle(other.page);
  assert.deepEqual((await other.events()).map((e) => e.type), ['decision-ready'], 'one event: decision-ready');
  const now = await other.location();
  assert.equal(now.href, link, 'the URL is not rewritten on load');
  assert.deepEqual(now, opened, 'nor is history added to');

  // The page does keep its URL in step with later changes (so the check
  // above is about loading, not a page that never writes its URL).
  await other.button('Start over').click();
  await other.question.filter({ hasText: QUESTIONS['data-freshness'].text }).waitFor();
  await other.page.waitForFunction(() => location.hash === '', null, { timeout: WAIT });
});

// ---------------------------------------------------------------------------
// Without JavaScript

/**
 * Asks the page until `condition` holds. For pages without JavaScript,
 * where page.waitForFunction cannot run (its polling needs the page's
 * timers); each try is a round trip to the page, not a sleep.
 */
async function pollUntil(page, condition, what) {
  const deadline = Date.now() + WAIT;
  while (!(await page.evaluate(condition))) {
    assert.ok(Date.now() < deadline, `timed out waiting until ${what}`);
  }
}

/** Checks the <noscript> outline against the flow file; returns its facts. */
async function checkOutline(page, { reasonLinks }) {
  const outline = page.locator('section.dw-outline');
  await outline.waitFor({ state: 'visible' });
  const facts = await outline.evaluate((section) => {
    const text = (el) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const links = [...section.querySelectorAll('a[href]')].map((a) => {
      const href = a.getAttribute('href');
      const target = href.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
      return {
        href,
        exists: !!target,
        inOutline: !!target && section.contains(target),
        inArticle: !!target && !!target.closest('article') && !section.contains(target),
        heading: !!target && /^h[1-6]$/.test(target.localName),
        from: a.closest('li[id]')?.id ?? null,
      };
    });
    return {
      text: text(section),
      links,
      questions: [...section.querySelectorAll('ol.dw-outline-questions > li')].map((li) => ({
        id: li.id,
        // Its title, before its summary (“Title: summary”).
        title: text(li.querySelector('strong')).replace(/:$/, ''),
        answers: [...li.querySelectorAll(':scope > ul > li')].map((a) => ({
          text: text(a),
          href: a.querySelector('a')?.getAttribute('href') ?? null,
        })),
      })),
      outcomes: [...section.querySelectorAll('ul.dw-outline-outcomes > li')].map((li) => ({
        id: li.id,
        // Its title, before its summary (“Title: summary”).
        title: text(li.querySelector('strong')).replace(/:$/, ''),
        reasons: [...li.querySelectorAll(':scope > ul > li')].map((r) => ({
          text: text(r),
          href: r.querySelector('a')?.getAttribute('href') ?? null,
        })),
      })),
    };
  });

  // Every question and every outcome of the flow file, by id and text.
  assert.deepEqual(
    facts.questions.map((q) => [q.id, q.title]),
    FLOW.questions.map((q) => [`flow-${q.id}`, q.text]),
    'every question, in order',
  );
  assert.deepEqual(
    facts.outcomes.map((o) => [o.id, o.title]),
    FLOW.outcomes.map((o) => [`flow-${o.id}`, o.title]),
    'every outcome',
  );
  // Where each answer leads.
  for (const [i, q] of FLOW.questions.entries()) {
    const shown = facts.questions[i].answers;
    assert.deepEqual(
      shown.map((a) => [a.text.split(':')[0], a.href]),
      [
        ['Yes', `#flow-${q.yes}`],
        ['No', `#flow-${q.no}`],
      ],
      `question ${q.id}: where yes and no lead`,
    );
  }
  for (const link of facts.links.filter((l) => /^#flow-/.test(l.href))) {
    assert.ok(link.exists && link.inOutline, `answer link ${link.href} points at an item of the outline`);
  }
  // Each outcome's reasons, linked to the article only where it has them.
  for (const [i, o] of FLOW.outcomes.entries()) {
    const shown = facts.outcomes[i].reasons;
    assert.equal(shown.length, o.reasons.length, `${o.id}: every reason`);
    for (const [j, reason] of o.reasons.entries()) {
      assert.ok(shown[j].text.startsWith(reason.text), `${o.id}: reason ${j + 1} reads ${JSON.stringify(shown[j].text)}`);
      const expected = reasonLinks && reason.section ? `#${reason.section}` : null;
      assert.equal(shown[j].href, expected, `${o.id}: reason ${j + 1} link`);
    }
  }
  for (const link of facts.links.filter((l) => l.href.startsWith('#') && !/^#flow-/.test(l.href))) {
    assert.ok(link.exists, `reason link ${link.href} points at an element on the page`);
    assert.ok(link.inArticle && link.heading, `reason link ${link.href} points at an article heading`);
  }
  assert.ok(facts.text.includes(FLOW.practice.text), 'the advice for practice is there');
  return facts;
}

/** Checks the prerendered widget with scripting off: a picture, no controls. */
async function checkStaticWidget(w) {
  await w.question.waitFor({ state: 'visible' });
  assert.equal((await w.question.textContent()).trim(), QUESTIONS['data-freshness'].text);
  await w.chart.waitFor({ state: 'visible' });
  const box = await w.chart.boundingBox();
  assert.ok(box && box.width > 200 && box.height > 200, `the chart has a size: ${JSON.stringify(box)}`);
  const buttons = w.host.locator('button');
  assert.ok((await buttons.count()) >= 2, 'the markup has the answer buttons');
  const shown = [];
  for (const button of await buttons.all()) if (await button.isVisible()) shown.push((await button.textContent()).trim());
  assert.deepEqual(shown, [], 'no button is visible in the widget');
  // Scripting really is off: the element was never defined or mounted.
  assert.equal(await w.page.evaluate(() => !!customElements.get('decision-widget')), false);
}

pageTest(
  'with JavaScript off, the demo page shows the chart and first question, no controls, and the whole flow as linked text',
  { waitReady: false, context: { javaScriptEnabled: false } },
  async (w) => {
    await checkStaticWidget(w);
    const facts = await checkOutline(w.page, { reasonLinks: true });
    // The article sections the reasons and the practice advice link to.
    const sections = [...new Set(facts.links.filter((l) => !/^#flow-/.test(l.href)).map((l) => l.href))].sort();
    const named = [
      ...new Set([...FLOW.outcomes.flatMap((o) => o.reasons.map((r) => r.section)), FLOW.practice.section].filter(Boolean)),
    ]
      .map((s) => `#${s}`)
      .sort();
    assert.deepEqual(sections, named, 'every section the flow names is linked');
    // An answer link takes the reader to where it leads.
    await w.page.locator('section.dw-outline #flow-data-freshness a', { hasText: 'go on to question 2' }).click();
    await w.page.waitForURL(/#flow-citations$/);
  },
);

pageTest(
  'with JavaScript off, the iframe page shows the widget and scrolls to the flow as text, with no links to missing sections',
  { path: 'embed.html', waitReady: false, context: { javaScriptEnabled: false, viewport: { width: 800, height: 600 } } },
  async (w) => {
    const { page } = w;
    await checkStaticWidget(w);
    await checkOutline(page, { reasonLinks: false });
    // The page is taller than the frame and the reader can scroll it.
    const overflow = await page.evaluate(() => getComputedStyle(document.body).overflowY);
    assert.notEqual(overflow, 'hidden', 'the page can scroll');
    assert.ok(await page.evaluate(() => document.documentElement.scrollHeight > innerHeight + 200), 'the page is long');
    await page.mouse.move(400, 300);
    await page.mouse.wheel(0, 1500);
    await pollUntil(page, () => scrollY > 0, 'the wheel scrolls the page');
    // The way to the article's reasons in full.
    const article = page.locator('.embed-noscript a', { hasText: 'Open the article' });
    await article.waitFor({ state: 'visible' });
    assert.equal(await article.getAttribute('target'), '_top');
  },
);

// ---------------------------------------------------------------------------
// The iframe page

pageTest(
  'the iframe page hydrates its prerendered widget',
  {
    ...WASM_HELD,
    path: 'embed.html',
  },
  async (w) => {
    const { page } = w;
    await w.wasm.requested;
    await w.question.waitFor({ state: 'visible' });
    const host = await w.host.elementHandle();
    const root = await w.host.locator('.dw-root').elementHandle();
    const heading = await w.question.elementHandle();
    await w.wasm.release();
    const [ready] = await w.waitForEvents(1);
    assert.equal(ready.type, 'decision-ready');
    assert.equal(ready.detail.flow, FLOW_ID);
    assert.equal(await page.locator('decision-widget').count(), 1, 'the page has one widget');
    for (const [name, before, now] of [
      ['the element', host, w.host],
      ['the root', root, w.host.locator('.dw-root')],
      ['the question heading', heading, w.question],
    ]) {
      const { same, connected } = await sameConnected(page, before, await now.elementHandle());
      assert.ok(connected && same, `${name} is the prerendered one`);
    }
    assert.deepEqual(await roots(page), [{ prerendered: null }]);
    await w.answer('yes');
    await w.outcomeTitle.filter({ hasText: OUTCOMES.rag.title }).waitFor();
    assert.deepEqual((await w.events()).map((e) => e.type), ['decision-ready', 'decision-change']);
  },
);

pageTest('the iframe page’s answers query takes over the hydrated widget', {
  path: `embed.html?answers=${encodeURIComponent(linkCode(['no', 'yes']))}`,
  ...WASM_HELD,
}, async (w) => {
  const { page } = w;
  await w.wasm.requested;
  // Before the wasm: the built page's start of the flow, whatever the query.
  await w.question.filter({ hasText: QUESTIONS['data-freshness'].text }).waitFor();
  assert.deepEqual(await roots(page), [{ prerendered: FLOW_ID }]);
  const root = await w.host.locator('.dw-root').elementHandle();
  const heading = await w.question.elementHandle();
  await w.wasm.release();
  const [ready] = await w.waitForEvents(1);
  assert.equal(ready.type, 'decision-ready');
  assert.deepEqual(ready.detail.answers, answersObject(['no', 'yes']));
  assert.equal(ready.detail.outcome, 'rag');
  await w.outcomeTitle.filter({ hasText: OUTCOMES.rag.title }).waitFor();
  const { same, connected } = await sameConnected(page, root, await w.host.locator('.dw-root').elementHandle());
  assert.ok(connected && same, 'the answers are drawn on the prerendered root');
  // The prerendered question heading made way for the outcome.
  assert.equal(await page.evaluate((el) => el.isConnected, heading), false);
  await settle(page);
  assert.deepEqual((await w.events()).map((e) => e.type), ['decision-ready']);
});

pageTest(
  'the iframe page with ?flow= naming a flow file on the site replaces the prerendered widget with that flow',
  {
    path: 'embed.html?flow=flows/tea.json',
    waitReady: false,
    beforeLoad: async (w) => {
      // A second flow file on the widget's own site.
      await w.page.route(`${w.url}flows/tea.json`, (route) =>
        route.fulfill({ status: 200, contentType: 'application/json', body: TEA }),
      );
    },
  },
  async (w) => {
    const { page } = w;
    const [ready] = await w.waitForEvents(1);
    assert.equal(ready.type, 'decision-ready');
    assert.equal(ready.detail.flow, 'tea-or-coffee');
    assert.equal(ready.detail.flowVersion, 2);
    await w.question.filter({ hasText: 'Are you tired?' }).waitFor();
    // The built-in flow's markup is gone: one root, not the prerendered one.
    assert.deepEqual(await roots(page), [{ prerendered: null }]);
    const shadowText = await w.host.evaluate((el) => el.shadowRoot.textContent);
    assert.ok(!shadowText.includes(QUESTIONS['data-freshness'].text), 'no question of the built-in flow is left');
    assert.deepEqual(
      (await w.chartNodes()).map((n) => n.label).sort(),
      ['Are you tired?', 'Black tea', 'Coffee', 'Herbal tea', 'Is it after 4 pm?'].sort(),
      'the chart is the tea flow’s',
    );
    assert.equal(await page.locator('decision-widget').count(), 1, 'still one widget on the page');
    await w.answer('yes');
    await w.outcomeTitle.filter({ hasText: 'Coffee' }).waitFor();
    assert.deepEqual((await w.events()).map((e) => `${e.type}:${e.detail.flow}`), [
      'decision-ready:tea-or-coffee',
      'decision-change:tea-or-coffee',
    ]);
  },
);

pageTest(
  'markup prerendered by another build is drawn anew, not hydrated',
  {
    ...WASM_HELD,
    path: 'index.html',
    beforeLoad: async (w) => {
      await WASM_HELD.beforeLoad(w);
      // The page as a cache might keep it from an older build: the same
      // markup under another fingerprint.
      await w.page.route(`${w.url}index.html`, async (route) => {
        const page = await (await route.fetch()).text();
        assert.match(page, /data-fingerprint="[0-9a-f]{16}"/);
        const body = page.replace(/data-fingerprint="[0-9a-f]{16}"/, 'data-fingerprint="0000000000000000"');
        await route.fulfill({ status: 200, contentType: 'text/html', body });
      });
    },
  },
  async (w) => {
    const { page } = w;
    await w.wasm.requested;
    const heading = await w.question.elementHandle();
    await w.wasm.release();
    const [ready] = await w.waitForEvents(1);
    assert.equal(ready.type, 'decision-ready');
    // One fresh root in place of the prerendered one, and it answers.
    assert.deepEqual(await roots(page), [{ prerendered: null }]);
    assert.equal((await sameConnected(page, heading, await w.question.elementHandle())).same, false, 'drawn anew');
    await w.answer('no');
    await w.question.filter({ hasText: QUESTIONS.citations.text }).waitFor();
  },
);

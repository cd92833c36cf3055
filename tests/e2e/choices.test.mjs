// Questions with several answers, end to end, through the example flow
// with several-answer questions (flows/data-pipeline-schedule.json) on the
// gallery page, where it is loaded by URL next to the article's flow: a
// reader walks every one of its paths by mouse, by keyboard and by touch,
// each step checked against the flow file (question, events, chart), and
// each decision's share link reopens it. Bad input: a format 2 file with
// errors shows, in the widget, the file, each problem's line and its node,
// as the engine's checker (tools.js) words them; a link naming a choice
// that no longer exists opens as far as it can and says which answer it
// dropped.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pageTest, useBrowser } from './harness.mjs';

const shared = useBrowser();

const FLOW = JSON.parse(readFileSync(fileURLToPath(new URL('../../static/flows/data-pipeline-schedule.json', import.meta.url)), 'utf8'));
const QUESTIONS = Object.fromEntries(FLOW.questions.map((q) => [q.id, q]));
const OUTCOMES = Object.fromEntries(FLOW.outcomes.map((o) => [o.id, o]));
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

/** A question's answers as `{ id, label, next }`, yes/no ones included. */
function choicesOf(question) {
  return (
    question.choices ?? [
      { id: 'yes', label: 'Yes', next: question.yes },
      { id: 'no', label: 'No', next: question.no },
    ]
  );
}

/** Every path through the flow, from the file: the answers as `[question, choice]` and the outcome. */
function allPaths(at = FLOW.start, answers = []) {
  const question = QUESTIONS[at];
  if (!question) return [{ answers, outcome: at }];
  return choicesOf(question).flatMap((c) => allPaths(c.next, [...answers, [at, c]]));
}
const PATHS = allPaths();

const name = (p) => p.answers.map(([, c]) => c.id).join(' → ') + ` ⇒ ${p.outcome}`;

/** The example flow's widget on the gallery page, and what the reader sees of it. */
function pipeline(w) {
  const host = w.page.locator('decision-widget[flow="flows/data-pipeline-schedule.json"]');
  return {
    host,
    question: host.locator('h3.dw-question-text'),
    outcome: host.locator('.dw-outcome h3.dw-outcome-title'),
    choice: (label) => host.locator('.dw-answer-buttons').getByRole('button', { name: label, exact: true }),
    button: (label) => host.getByRole('button', { name: label, exact: true }),
    /**
     * Once any move of the chart is over (its viewBox the same three frames
     * running), whether the current question's or outcome's node is inside
     * the chart's box.
     */
    currentInView: () =>
      host.evaluate(
        (el) =>
          new Promise((resolve) => {
            const svg = el.shadowRoot.querySelector('svg.dw-chart-svg');
            let [last, same] = [svg.getAttribute('viewBox'), 0];
            const tick = () => {
              const now = svg.getAttribute('viewBox');
              if (now === last) same++;
              else [last, same] = [now, 0];
              if (same < 3) return requestAnimationFrame(tick);
              const box = svg.getBoundingClientRect();
              const r = el.shadowRoot.querySelector('g.dw-node.is-current, g.dw-node.is-reached')?.getBoundingClientRect();
              resolve(!!r && r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1);
            };
            requestAnimationFrame(tick);
          }),
      ),
  };
}

/** Widget events of the example flow only (the page has two widgets). */
async function pipelineEvents(w) {
  return (await w.events()).filter((e) => e.detail.flow === FLOW.id);
}

/** Runs `action` and returns the example flow's next event. */
async function change(w, action) {
  const before = (await pipelineEvents(w)).length;
  await action();
  await w.page.waitForFunction(
    ([id, n]) => window.__dwEvents.filter((e) => e.detail.flow === id).length > n,
    [FLOW.id, before],
  );
  return (await pipelineEvents(w))[before];
}

/**
 * Answers along `path` by `how` ('mouse', 'keyboard' or 'touch'), checking
 * each step against the flow file; returns the last event's detail.
 */
async function walk(w, path, how) {
  const p = pipeline(w);
  let detail = null;
  for (let i = 0; i < path.answers.length; i++) {
    const [question, choice] = path.answers[i];
    await p.question.filter({ hasText: QUESTIONS[question].text }).waitFor();
    const press = async () => {
      if (how === 'touch') return p.choice(choice.label).tap();
      if (how === 'mouse') return p.choice(choice.label).click();
      await w.tabUntil(
        (f) => f.inWidget && f.tag === 'button' && f.parentClass.includes('dw-answer-buttons') && f.text === choice.label,
        `the answer “${choice.label}”`,
        20,
      );
      return w.page.keyboard.press(i % 2 ? 'Space' : 'Enter');
    };
    const event = await change(w, press);
    detail = event.detail;
    const given = path.answers.slice(0, i + 1);
    assert.equal(event.type, 'decision-change');
    assert.deepEqual(detail.answers, Object.fromEntries(given.map(([q, c]) => [q, c.id])), 'answers name choice ids');
    assert.deepEqual(detail.path, [...given.map(([q]) => q), choice.next]);
    assert.equal(
      await p.host.locator('g.dw-node.is-answered').count(),
      given.length,
      'the chart marks each answered question',
    );
    assert.ok(await p.currentInView(), `the chart shows where the reader is after ${choice.id}`);
  }
  assert.equal(detail.outcome, path.outcome);
  await p.outcome.filter({ hasText: OUTCOMES[path.outcome].title }).waitFor();
  return detail;
}

/** Back to the first question, with the same means. */
async function startOver(w, how) {
  const p = pipeline(w);
  if (how === 'keyboard') {
    await w.tabUntil((f) => f.inWidget && f.tag === 'button' && f.text === 'Start over', 'Start over', 40);
    await change(w, () => w.page.keyboard.press('Enter'));
  } else {
    await change(w, () => (how === 'touch' ? p.button('Start over').tap() : p.button('Start over').click()));
  }
  await p.question.filter({ hasText: QUESTIONS[FLOW.start].text }).waitFor();
}

pageTest('the gallery shows the example flow with several answers, loaded by URL, beside the article’s flow', { path: 'gallery.html' }, async (w) => {
  await w.page.waitForFunction(() => window.__dwEvents.filter((e) => e.type === 'decision-ready').length === 2);
  const ready = (await w.events()).map((e) => e.detail.flow).sort();
  assert.deepEqual(ready, ['data-pipeline-schedule', 'rag-vs-fine-tuning']);
  const p = pipeline(w);
  const start = QUESTIONS[FLOW.start];
  await p.question.filter({ hasText: start.text }).waitFor();
  const labels = await p.host.locator('.dw-answer-buttons button').allTextContents();
  assert.deepEqual(labels.map((l) => l.trim()), start.choices.map((c) => c.label), 'one button per choice, in the author’s order');
  assert.ok(PATHS.length > 20, `${PATHS.length} paths`);
  // The demo page links here.
  const demo = await w.openInNewContext('');
  await demo.page.getByRole('link', { name: 'example flows' }).click();
  await demo.page.waitForURL(/gallery\.html$/);
});

pageTest(`by mouse, every path (${PATHS.length}), and each share link reopens its decision`, { path: 'gallery.html' }, async (w) => {
  await w.page.waitForFunction(() => window.__dwEvents.length >= 2);
  for (const path of PATHS) {
    const detail = await walk(w, path, 'mouse');
    // The link leads to this page, naming choice ids.
    const link = new URL(detail.link);
    assert.equal(link.pathname, '/gallery.html');
    // (Yes and no are written y and n, as in every link.)
    for (const [q, c] of path.answers) {
      const written = { yes: 'y', no: 'n' }[c.id] ?? c.id;
      assert.ok(link.hash.includes(`/${q}=${written}`), `${link.hash} names ${q}=${written}`);
    }
    const other = await w.openInNewContext(`gallery.html${link.hash}`, { waitReady: false });
    await other.page.waitForFunction((id) => window.__dwEvents.some((e) => e.detail.flow === id), FLOW.id);
    const reopened = (await other.events()).find((e) => e.detail.flow === FLOW.id);
    assert.equal(reopened.type, 'decision-ready');
    assert.deepEqual(reopened.detail.answers, detail.answers, `${name(path)} reopens`);
    assert.equal(reopened.detail.outcome, path.outcome);
    await pipeline(other).outcome.filter({ hasText: OUTCOMES[path.outcome].title }).waitFor();
    await other.page.context().close();
    await startOver(w, 'mouse');
  }
});

pageTest(`by keyboard alone, every path (${PATHS.length})`, { path: 'gallery.html' }, async (w) => {
  await w.page.waitForFunction(() => window.__dwEvents.length >= 2);
  for (const path of PATHS) {
    await walk(w, path, 'keyboard');
    await startOver(w, 'keyboard');
  }
});

pageTest(`by touch on a phone, every path (${PATHS.length}), the chart following`, { path: 'gallery.html', context: PHONE }, async (w) => {
  await w.page.waitForFunction(() => window.__dwEvents.length >= 2);
  // On a phone the chart is folded under the question until asked for.
  await w.showChart(pipeline(w).host);
  assert.ok(await pipeline(w).host.locator('.dw-chart.is-zoomable').count(), 'on a phone the chart zooms');
  for (const path of PATHS) {
    await walk(w, path, 'touch');
    await startOver(w, 'touch');
  }
});

// ---------------------------------------------------------------------------
// Bad input

/** A format 2 flow file with three problems, each on a line of its own. */
const BROKEN = `{
  "format": 2,
  "id": "tea-time",
  "version": 1,
  "title": "Which tea?",
  "start": "when",
  "questions": [
    {
      "id": "when",
      "text": "When will you drink it?",
      "choices": [
        { "id": "morning", "label": "In the morning", "next": "strength" },
        { "id": "evening", "label": "In the evening", "next": "chamomile" },
        { "id": "morning", "label": "Mid-morning", "next": "green" }
      ]
    },
    {
      "id": "strength",
      "text": "How strong?",
      "choices": [
        { "id": "strong", "label": "Strong", "next": "assam" }
      ]
    }
  ],
  "outcomes": [
    { "id": "assam", "title": "Assam" },
    { "id": "green", "title": "Sencha" }
  ]
}
`;

pageTest(
  'a format 2 file with errors: the widget names the file, and each problem’s line and node, as the checker does',
  {
    path: 'tea-host.html',
    waitReady: false,
    beforeLoad: async (w) => {
      await w.page.route(`${shared.url}tea-host.html`, (route) =>
        route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tea</title><link rel="icon" href="data:,">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; require-trusted-types-for 'script'">
<script type="module" src="embed.js"></script></head><body><main><decision-widget flow="tea/broken.json"></decision-widget></main></body></html>`,
        }),
      );
      await w.page.route(`${shared.url}tea/broken.json`, (route) => route.fulfill({ contentType: 'application/json', body: BROKEN }));
    },
  },
  async (w) => {
    const error = w.host.locator('section.dw-error[role="alert"]');
    await error.locator('li', { hasText: 'Line 20' }).waitFor();
    const text = (await error.textContent()).replace(/\s+/g, ' ');
    assert.match(text, new RegExp(`${shared.url}tea/broken\\.json`), 'names the file');
    for (const [line, problem] of [
      [13, /question `when`: answer `evening` leads to unknown node `chamomile`/],
      [14, /question `when`: choice id `morning` is used by another choice of this question too/],
      [20, /question `strength`: has 1 choice; a question offers 2 to 8/],
    ]) {
      assert.match(text, new RegExp(`Line ${line}, column \\d+: ${problem.source}`), `line ${line}`);
    }
    assert.ok(w.requests.some((url) => url.endsWith('/tools.js')), 'the widget loaded the checker to explain');
    const failed = await w.page.evaluate(() => document.querySelector('decision-widget').error);
    assert.equal(failed.flow, 'tea/broken.json');
    assert.ok(failed.details.some((d) => d.startsWith('Line 13')));
  },
);

pageTest(
  'a link naming a choice the flow no longer has opens as far as it can and says which answer it dropped',
  { path: 'gallery.html#dw1/data-pipeline-schedule@1/change-rate=daily/staleness=yearly/volume=small', waitReady: false },
  async (w) => {
    await w.page.waitForFunction((id) => window.__dwEvents.some((e) => e.detail.flow === id), FLOW.id);
    const ready = (await pipelineEvents(w))[0];
    assert.equal(ready.type, 'decision-ready');
    assert.deepEqual(ready.detail.answers, { 'change-rate': 'daily' }, 'the answers before the unknown one');
    assert.deepEqual(ready.detail.path, ['change-rate', 'staleness']);
    const p = pipeline(w);
    await p.question.filter({ hasText: QUESTIONS.staleness.text }).waitFor();
    const notice = p.host.locator('.dw-notice[role="status"]');
    assert.match((await notice.textContent()).replace(/\s+/g, ' '), /“staleness”.*“yearly”.*dropped/);
    // The other widget on the page is not disturbed by a link for another flow.
    const article = (await w.events()).find((e) => e.detail.flow === 'rag-vs-fine-tuning');
    assert.deepEqual(article?.detail.answers ?? {}, {});
  },
);

// Walks all five paths of the built-in flow with the mouse, checking at
// every step what the reader sees (question, progress, chart, live region),
// what the host page hears (decision-ready / decision-change) and what the
// demo page's side panel shows.

import assert from 'node:assert/strict';
import {
  FLOW_ID,
  FLOW_VERSION,
  OUTCOMES,
  PATHS,
  QUESTIONS,
  QUESTION_ORDER,
  answersObject,
  expectedChart,
  follow,
  pageTest,
  pathName,
  useBrowser,
} from './harness.mjs';

useBrowser();

/** Checks the chart against the state after `answers`. */
async function assertChart(w, answers) {
  const expected = expectedChart(answers);
  const nodes = await w.chartNodes();
  const states = Object.fromEntries(
    nodes.map((n) => [n.label, n.classes.filter((c) => c.startsWith('is-')).join(' ')]),
  );
  assert.deepEqual(states, expected.nodes, `chart node states after [${answers}]`);
  assert.deepEqual(await w.edgeCounts(), expected.edges, `chart edge states after [${answers}]`);
  // The lit path: one taken edge per answer.
  assert.equal((await w.edgeCounts()).taken, answers.length);
  const { current } = follow(answers);
  if (current) {
    await w.chartNode(QUESTIONS[current].label).and(w.chart.locator(".is-current")).waitFor();
  }
}

for (const walk of PATHS) {
  pageTest(`clicking through ${pathName(walk)}`, async (w) => {
    const { page } = w;

    // Mounted: one decision-ready, nothing answered yet.
    const [ready] = await w.events();
    assert.equal(ready.type, 'decision-ready');
    assert.equal(ready.target, 'decision-widget');
    assert.deepEqual(
      { ...ready.detail, link: typeof ready.detail.link },
      { flow: FLOW_ID, flowVersion: FLOW_VERSION, answers: {}, path: ['data-freshness'], outcome: null, link: 'string' },
    );
    await w.progress.filter({ hasText: /^Question 1 of at most 4$/ }).waitFor();
    assert.equal(await w.status.textContent(), '', 'the live region is silent before an outcome');
    await assertChart(w, []);

    for (let i = 0; i < walk.answers.length; i++) {
      const given = walk.answers.slice(0, i + 1);
      const { current, path, outcome } = follow(given);
      const event = await w.answer(walk.answers[i]);
      assert.deepEqual(event.detail.answers, answersObject(given));
      assert.deepEqual(event.answerKeys, path.slice(0, -1), 'answers are in path order');
      assert.deepEqual(event.detail.path, path);
      assert.equal(event.detail.outcome, outcome);
      if (current) {
        await w.question.filter({ hasText: QUESTIONS[current].text }).waitFor();
        assert.equal(await w.outcomeTitle.count(), 0);
        await w.panel.filter({ hasText: 'Keep going' }).waitFor();
      }
      await assertChart(w, given);
    }

    // The recommendation, in the widget, the live region and the side panel.
    const title = OUTCOMES[walk.outcome].title;
    assert.equal((await w.outcomeTitle.textContent()).trim(), title);
    assert.equal(await w.question.count(), 0, 'no question is shown with the outcome');
    await w.status.filter({ hasText: `Recommendation: ${title}` }).waitFor();
    assert.match(await w.status.textContent(), new RegExp(`^Recommendation: ${title}\\.`));
    await w.panel.filter({ hasText: title }).waitFor();
    assert.equal((await w.panel.textContent()).trim(), title);
    const panelPath = walk.answers.map((a, i) => `${QUESTION_ORDER[i]}: ${a}`).join(' · ');
    assert.equal((await page.locator('#panel-path').textContent()).trim(), panelPath);

    // The events: exactly one ready (first), then one change per answer.
    const events = await w.events();
    assert.deepEqual(
      events.map((e) => e.type),
      ['decision-ready', ...walk.answers.map(() => 'decision-change')],
    );
    const last = events.at(-1).detail;
    assert.deepEqual(
      { flow: last.flow, flowVersion: last.flowVersion, answers: last.answers, path: last.path, outcome: last.outcome },
      {
        flow: FLOW_ID,
        flowVersion: FLOW_VERSION,
        answers: answersObject(walk.answers),
        path: follow(walk.answers).path,
        outcome: walk.outcome,
      },
    );
    assert.deepEqual(Object.keys(last.answers), follow(walk.answers).answered);
    assert.equal(typeof last.link, 'string');
    // The outcome node is reached; every node off the path is dimmed.
    await w.chartNode(OUTCOMES[walk.outcome].label).and(w.chart.locator('.is-reached')).waitFor();
  });
}

pageTest(
  'decision-change carries a share link that names the decision',
  {},
  async (w) => {
    await w.answer('no');
    const event = await w.answer('yes');
    const { link } = event.detail;
    assert.ok(link.startsWith(w.url), `link ${JSON.stringify(link)} starts with the page URL`);
    assert.ok(link.includes('#'), 'the decision is in the fragment');
    assert.ok(link.length < 100 + w.url.length, 'the fragment is short');
  },
);

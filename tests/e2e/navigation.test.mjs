// Moving back through a decision: the progress line, Back, Start over, the
// "Change" buttons in the answers list, and answered questions in the
// chart (by click, and by Enter / Space when focused). Every way back must
// land on that question, move focus to it and tell the host page about the
// shortened answers.

import assert from 'node:assert/strict';
import { FLOW_ID, QUESTIONS, answersObject, follow, pageTest, useBrowser } from './harness.mjs';

useBrowser();

/** Asserts the widget shows `answers`' current question, and the event agrees. */
async function assertAt(w, event, answers, progress) {
  const { current, path } = follow(answers);
  assert.equal(event.type, 'decision-change');
  assert.equal(event.detail.flow, FLOW_ID);
  assert.deepEqual(event.detail.answers, answersObject(answers));
  assert.deepEqual(event.answerKeys, path.slice(0, -1));
  assert.deepEqual(event.detail.path, path);
  assert.equal(event.detail.outcome, null);
  await w.question.filter({ hasText: QUESTIONS[current].text }).waitFor();
  if (progress) assert.equal((await w.progress.textContent()).trim(), progress);
  assert.equal(await w.outcomeTitle.count(), 0);
  await w.chartNode(QUESTIONS[current].label).and(w.chart.locator('.is-current')).waitFor();
  assert.equal((await w.edgeCounts()).taken, answers.length);
  assert.equal(await w.chart.locator('g.dw-node.is-answered').count(), answers.length);
  // Focus follows the reader to the question they are back on.
  await w.waitForFocus(
    'h3.dw-question-text',
    QUESTIONS[current].text,
    `the heading of question ${current}`,
  );
}

pageTest('progress counts questions; Back and Start over go back', async (w) => {
  await w.progress.filter({ hasText: /^Question 1 of at most 4$/ }).waitFor();
  assert.equal(await w.button('Back').count(), 0, 'no Back before the first answer');
  assert.equal(await w.button('Start over').count(), 0, 'no Start over before the first answer');

  await assertAt(w, await w.answer('no'), ['no'], 'Question 2 of at most 4');
  await assertAt(w, await w.answer('no'), ['no', 'no'], 'Question 3 of at most 4');
  await assertAt(w, await w.answer('no'), ['no', 'no', 'no'], 'Question 4 of 4');

  // Back from a question.
  await assertAt(w, await w.expectChange(() => w.button('Back').click()), ['no', 'no'], 'Question 3 of at most 4');
  // Back from the recommendation.
  const decided = await w.answer('yes');
  assert.equal(decided.detail.outcome, 'fine-tune');
  await w.outcomeTitle.waitFor();
  await assertAt(w, await w.expectChange(() => w.button('Back').click()), ['no', 'no'], 'Question 3 of at most 4');

  // Start over from the recommendation clears everything.
  await w.answer('yes');
  await w.outcomeTitle.waitFor();
  await w.panel.filter({ hasText: 'Fine-tune for style or format' }).waitFor();
  await assertAt(w, await w.expectChange(() => w.button('Start over').click()), [], 'Question 1 of at most 4');
  assert.equal(await w.button('Back').count(), 0);
  await w.panel.filter({ hasText: 'Answer the questions in the flowchart' }).waitFor();
  assert.equal(await w.status.textContent(), '', 'the live region is cleared');

  // Start over from a question, too.
  await w.answer('no');
  await assertAt(w, await w.expectChange(() => w.button('Start over').click()), [], 'Question 1 of at most 4');

  // A "ready" only once, however often the reader starts over.
  const types = (await w.events()).map((e) => e.type);
  assert.equal(types.filter((t) => t === 'decision-ready').length, 1);
  assert.equal(types[0], 'decision-ready');
});

pageTest('"Change" in the answers list goes back to that question', async (w) => {
  // From the recommendation ("Your answers", after the flowchart).
  for (const a of ['no', 'no', 'yes']) await w.answer(a);
  await w.outcomeTitle.waitFor();
  const led = w.host.locator('.dw-more .dw-answers');
  assert.equal((await led.locator('.dw-subhead').textContent()).trim(), 'Your answers');
  assert.deepEqual(
    (await led.locator('.dw-answer-q').allTextContents()).map((t) => t.trim()),
    ['data-freshness', 'citations', 'style'].map((id) => QUESTIONS[id].text),
  );
  assert.deepEqual((await led.locator('.dw-answer-a').allTextContents()).map((t) => t.trim()), ['No', 'No', 'Yes']);
  const change = w.button(`Change your answer to: ${QUESTIONS.citations.text}`);
  assert.equal((await change.textContent()).trim(), 'Change');
  await assertAt(w, await w.expectChange(() => change.click()), ['no'], 'Question 2 of at most 4');
  await w.panel.filter({ hasText: 'Keep going' }).waitFor();

  // From a question ("Your answers so far").
  await w.answer('no');
  const sofar = w.host.locator('.dw-more .dw-answers');
  assert.equal((await sofar.locator('.dw-subhead').textContent()).trim(), 'Your answers so far');
  assert.equal(await sofar.locator('.dw-answer-row').count(), 2);
  await assertAt(
    w,
    await w.expectChange(() => w.button(`Change your answer to: ${QUESTIONS['data-freshness'].text}`).click()),
    [],
    'Question 1 of at most 4',
  );
  assert.equal(await w.host.locator('.dw-answers').count(), 0, 'no answers list once nothing is answered');
});

pageTest('clicking an answered question in the chart goes back to it', async (w) => {
  for (const a of ['no', 'no', 'no', 'no']) await w.answer(a);
  await w.outcomeTitle.waitFor();
  const nodes = w.chart.locator('g.dw-node.is-answered');
  assert.equal(await nodes.count(), 4);
  // Answered questions are buttons named for what they change.
  const node = w.chartNode(QUESTIONS.citations.label);
  assert.equal(await node.getAttribute('role'), 'button');
  assert.equal(await node.getAttribute('aria-label'), `${QUESTIONS.citations.label} You answered No. Change this answer.`);
  await assertAt(w, await w.expectChange(() => node.click()), ['no'], 'Question 2 of at most 4');
  // Nodes that are not answered do nothing when clicked.
  const before = (await w.events()).length;
  await w.chartNode(QUESTIONS.style.label).click();
  await w.chartNode(QUESTIONS.citations.label).click(); // the current one
  await w.chartNode(QUESTIONS['data-freshness'].label).click(); // answered: goes back
  const events = await w.waitForEvents(before + 1);
  assert.equal(events.length, before + 1, 'only the answered node reacted');
  await assertAt(w, events.at(-1), [], 'Question 1 of at most 4');
});

pageTest('an answered question in the chart works by keyboard (Enter and Space)', async (w) => {
  for (const a of ['no', 'no', 'yes']) await w.answer(a);
  await w.outcomeTitle.waitFor();
  const style = w.chartNode(QUESTIONS.style.label);
  assert.equal(await style.getAttribute('tabindex'), '0', 'an answered node is focusable');
  await style.focus();
  await assertAt(w, await w.expectChange(() => w.page.keyboard.press('Enter')), ['no', 'no'], 'Question 3 of at most 4');

  await w.answer('no');
  const first = w.chartNode(QUESTIONS['data-freshness'].label);
  await first.focus();
  await assertAt(w, await w.expectChange(() => w.page.keyboard.press('Space')), [], 'Question 1 of at most 4');
  // Nothing in the chart is focusable when nothing is answered.
  assert.equal(await w.chart.locator('[tabindex]').count(), 0);
});

pageTest('answered chart nodes are reached with Tab from the answer buttons', async (w) => {
  for (const a of ['no', 'no']) await w.answer(a);
  await w.question.filter({ hasText: QUESTIONS.style.text }).waitFor();
  await w.tabUntil(
    (f) => f.inWidget && f.ariaLabel === `${QUESTIONS['data-freshness'].label} You answered No. Change this answer.`,
    'the chart node of the first question',
    20,
  );
  await assertAt(w, await w.expectChange(() => w.page.keyboard.press('Enter')), [], 'Question 1 of at most 4');
});

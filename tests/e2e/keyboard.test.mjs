// Walks all five paths with the keyboard alone: Tab from page load into
// the widget, Enter or Space on the answer, and focus must follow to the
// next question's heading (or the recommendation's heading at the end).

import assert from 'node:assert/strict';
import { OUTCOMES, PATHS, QUESTIONS, answersObject, follow, pageTest, pathName, useBrowser } from './harness.mjs';

useBrowser();

const isAnswerButton = (label) => (f) =>
  f.inWidget && f.tag === 'button' && f.parentClass.includes('dw-answer-buttons') && f.text === label;

for (const walk of PATHS) {
  pageTest(`keyboard only through ${pathName(walk)}`, async (w) => {
    // From page load, Tab until the widget's Yes button has focus.
    const start = await w.focused();
    assert.ok(!start?.inWidget, 'nothing in the widget has focus at load');
    await w.tabUntil(isAnswerButton('Yes'), 'the widget’s Yes button');

    for (let i = 0; i < walk.answers.length; i++) {
      const label = walk.answers[i] === 'yes' ? 'Yes' : 'No';
      // The first question: focus is on Yes already; move on to No if
      // wanted. Later questions: focus is on the heading; Tab forward.
      const focused = await w.focused();
      if (!isAnswerButton(label)(focused)) await w.tabUntil(isAnswerButton(label), `the ${label} button`, 10);
      const before = (await w.events()).length;
      // Alternate the two keys that activate a button.
      await w.page.keyboard.press(i % 2 === 0 ? 'Enter' : 'Space');
      const events = await w.waitForEvents(before + 1);
      assert.equal(events.length, before + 1, 'one decision-change per key press');
      const given = walk.answers.slice(0, i + 1);
      assert.deepEqual(events.at(-1).detail.answers, answersObject(given));

      const { current } = follow(given);
      if (current) {
        await w.waitForFocus(
          'h3.dw-question-text',
          QUESTIONS[current].text,
          `the heading of question ${current}`,
        );
      } else {
        await w.waitForFocus(
          '.dw-outcome h3.dw-outcome-title',
          OUTCOMES[walk.outcome].title,
          'the recommendation heading',
        );
      }
    }

    const last = (await w.events()).at(-1).detail;
    assert.equal(last.outcome, walk.outcome);
    assert.deepEqual(last.path, follow(walk.answers).path);
    assert.equal((await w.outcomeTitle.textContent()).trim(), OUTCOMES[walk.outcome].title);
    await w.panel.filter({ hasText: OUTCOMES[walk.outcome].title }).waitFor();
  });
}

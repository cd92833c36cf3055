// Share links: the decision kept in the page URL (replaceState, no history
// entry), "Copy link" with its manual fallback, a copied link reopening the
// same decision in another browser, damaged and hostile links opening the
// best state they can with a notice, and the `answers` attribute.

import assert from 'node:assert/strict';
import {
  FLOW_ID,
  OUTCOMES,
  QUESTIONS,
  answersObject,
  escapeRegExp,
  follow,
  labelOf,
  linkCode,
  pageTest,
  useBrowser,
} from './harness.mjs';

useBrowser();

/** The labels of the chart nodes marked answered. */
async function answeredLabels(w) {
  return (await w.chartNodes()).filter((n) => n.classes.includes('is-answered')).map((n) => n.label);
}

/** Asserts the widget shows the state `answers` lead to. */
async function assertShows(w, answers) {
  const { current, outcome, answered } = follow(answers);
  if (outcome) {
    await w.outcomeTitle.filter({ hasText: OUTCOMES[outcome].title }).waitFor();
  } else {
    await w.question.filter({ hasText: QUESTIONS[current].text }).waitFor();
    assert.equal(await w.outcomeTitle.count(), 0);
  }
  assert.deepEqual(await answeredLabels(w), answered.map(labelOf), 'the chart marks the answered questions');
}

/** Waits until `field` (an input or textarea) is focused with all its text selected. */
async function waitForSelected(w, field) {
  const handle = await field.elementHandle();
  await w.page.waitForFunction(
    (el) => el.getRootNode().activeElement === el && el.selectionStart === 0 && el.selectionEnd === el.value.length,
    handle,
  );
  return handle.evaluate((el) => ({ readOnly: el.readOnly, value: el.value }));
}

const shareStatus = (w) => w.host.locator('.dw-share p.dw-status[role="status"]');

pageTest('an answer writes the decision into the page URL with replaceState; Start over clears it', async (w) => {
  const start = await w.location();
  assert.equal(start.hash, '');
  const answers = ['no', 'no', 'no', 'yes'];
  for (let i = 0; i < answers.length; i++) {
    const event = await w.answer(answers[i]);
    const now = await w.location();
    assert.equal(now.hash, '#' + linkCode(answers.slice(0, i + 1)), `the URL holds the answers after answer ${i + 1}`);
    assert.equal(now.length, start.length, 'no history entry is added');
    assert.equal(event.detail.link, now.href, 'the event link is the page URL');
  }
  await w.outcomeTitle.filter({ hasText: OUTCOMES['fine-tune-small-open-weight'].title }).waitFor();
  const decided = await w.location();
  assert.equal(decided.hash, '#dw1/rag-vs-fine-tuning@1/data-freshness=n/citations=n/style=n/latency-privacy=y');
  assert.ok(decided.hash.length - 1 < 100, `the fragment is short: ${decided.hash.length - 1} characters`);

  const cleared = await w.expectChange(() => w.button('Start over').click());
  assert.deepEqual(cleared.detail.answers, {});
  const after = await w.location();
  assert.equal(after.hash, '', 'Start over clears the fragment');
  assert.equal(after.href, start.href, 'and leaves no bare "#"');
  assert.equal(after.length, start.length);
});

pageTest('"Copy link" copies a link that reopens the same decision in a new browser context', async (w) => {
  await w.grantClipboard();
  const answers = ['no', 'no', 'yes'];
  await w.walk(answers);
  const decided = (await w.events()).at(-1);
  await w.button('Copy link').click();
  await shareStatus(w).filter({ hasText: 'Link copied. It reopens this decision.' }).waitFor();
  const link = await w.readClipboard();
  const { href } = await w.location();
  assert.equal(link, href, 'the copied link is the page URL');
  assert.equal(link, decided.detail.link, 'and the link the event carried');
  assert.equal(link, w.url + '#' + linkCode(answers));
  assert.equal(await w.host.locator('.dw-share input').count(), 0, 'no manual field when copying worked');

  // Another browser, nothing shared but the link.
  const other = await w.openInNewContext(link.slice(w.url.length));
  const [ready] = await other.events();
  assert.equal(ready.type, 'decision-ready');
  assert.equal(ready.detail.flow, FLOW_ID);
  assert.deepEqual(ready.detail.answers, decided.detail.answers);
  assert.deepEqual(ready.answerKeys, decided.answerKeys, 'answers in path order');
  assert.deepEqual(ready.detail.path, decided.detail.path);
  assert.equal(ready.detail.outcome, 'fine-tune');
  assert.equal(ready.detail.link, link, 'the reopened decision has the same link');
  await assertShows(other, answers);
  assert.deepEqual(await answeredLabels(other), await answeredLabels(w));
  assert.equal(await other.notice.count(), 0, 'a good link opens without a notice');
});

pageTest('the event link is the page URL plus a fragment under 100 characters, on every path', async (w) => {
  const paths = [['yes'], ['no', 'yes'], ['no', 'no', 'yes'], ['no', 'no', 'no', 'yes'], ['no', 'no', 'no', 'no']];
  for (const answers of paths) {
    await w.walk(answers);
    const event = (await w.events()).at(-1);
    const { href } = await w.location();
    const fragment = linkCode(answers);
    assert.equal(event.detail.link, href.split('#')[0] + '#' + fragment);
    assert.ok(fragment.length < 100, `${fragment} is ${fragment.length} characters`);
    await w.expectChange(() => w.button('Start over').click());
  }
});

/** Clicks "Copy link" and checks the manual fallback: the link, selected, in a readonly field. */
async function assertManualCopy(w) {
  await w.walk(['no', 'yes']);
  await w.orPageError(async () => {
    await w.button('Copy link').click();
    await shareStatus(w)
      .filter({ hasText: 'Your browser did not allow copying. The link is selected below: copy it with Ctrl+C or ⌘C.' })
      .waitFor();
  });
  const field = w.host.getByLabel('Link to this decision', { exact: true });
  const { readOnly, value } = await waitForSelected(w, field);
  assert.equal(readOnly, true, 'the field is readonly');
  assert.equal(value, (await w.location()).href, 'the field holds the link');
  assert.equal(value, w.url + '#' + linkCode(['no', 'yes']));
}

pageTest(
  'when the clipboard refuses (writeText rejects), the link is selected in a readonly field',
  {
    beforeLoad: (w) =>
      w.page.addInitScript(() => {
        Clipboard.prototype.writeText = () =>
          Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
      }),
  },
  assertManualCopy,
);

pageTest(
  'without a clipboard (navigator.clipboard undefined), the link is selected in a readonly field',
  {
    beforeLoad: (w) =>
      w.page.addInitScript(() => {
        Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => undefined });
      }),
  },
  assertManualCopy,
);

pageTest(
  'with navigator.clipboard.writeText removed, the link is selected in a readonly field',
  {
    beforeLoad: (w) =>
      w.page.addInitScript(() => {
        delete Clipboard.prototype.writeText;
      }),
  },
  assertManualCopy,
);

// ---------------------------------------------------------------------------
// Damaged and hostile links

const SCRIPT = '<script>alert(1)</script>';

/** Fragments that are widget links, with the state they should open and what the notice must say. */
const DAMAGED = [
  {
    name: 'a link cut inside a question id',
    fragment: linkCode(['no', 'no', 'yes']).slice(0, -4),
    answers: ['no', 'no'],
    notices: ['This link names question `sty` without an answer; it was skipped.'],
  },
  {
    name: 'a link cut after "="',
    fragment: linkCode(['no', 'yes']).slice(0, -1),
    answers: ['no'],
    notices: ["This link's answer to `citations` is not yes or no; it was skipped."],
  },
  {
    name: 'an unknown flow version',
    fragment: 'dw1/rag-vs-fine-tuning@7/data-freshness=n/citations=y',
    answers: ['no', 'yes'],
    notices: ['This link was made with a newer version of this flow (version 7).'],
  },
  {
    name: 'an unknown link format',
    fragment: 'dw9/rag-vs-fine-tuning@1/data-freshness=y',
    answers: [],
    notices: ['This link was made by a newer version of the widget (link format 9), so it could not be opened.'],
  },
  {
    name: 'unknown question ids',
    fragment: 'dw1/rag-vs-fine-tuning@1/data-freshness=n/budget=y/citations=n/team-size=n',
    answers: ['no', 'no'],
    notices: [
      "This flow has no question `budget`; the link's answer to it was ignored.",
      "This flow has no question `team-size`; the link's answer to it was ignored.",
    ],
  },
  {
    name: 'contradicting answers',
    fragment: 'dw1/rag-vs-fine-tuning@1/data-freshness=y/citations=n/style=y',
    answers: ['yes'],
    notices: [
      "This link's answer to `citations` does not fit its other answers and was ignored.",
      "This link's answer to `style` does not fit its other answers and was ignored.",
    ],
  },
  {
    name: 'a missing answer in the middle',
    fragment: 'dw1/rag-vs-fine-tuning@1/citations=n/style=y',
    answers: [],
    notices: ['This link has no answer for question 1, so answers from question 1 on were reset.'],
  },
  {
    name: 'duplicate keys',
    fragment: 'dw1/rag-vs-fine-tuning@1/data-freshness=n/data-freshness=y/citations=y',
    answers: ['no', 'yes'],
    notices: ['This link answers `data-freshness` more than once; only the first answer was used.'],
  },
  {
    name: '5,000 characters',
    fragment: (() => {
      let text = linkCode(['no', 'no']);
      while (text.length < 5000) text += '/style=y';
      return text.slice(0, 5000);
    })(),
    answers: ['no', 'no', 'yes'],
    notices: [
      'This link was longer than 2,048 characters; its end was cut off and any answers there were dropped.',
      'This link answers `style` more than once; only the first answer was used.',
    ],
  },
  {
    name: 'broken %-escapes (%E0%A4%A)',
    fragment: 'dw1/rag-vs-fine-tuning@1/data-freshness=n/%E0%A4%A/citations=y',
    answers: ['no', 'yes'],
    notices: ['Part of this link was garbled (a broken %-escape) and could not be read.'],
  },
  {
    name: 'markup in the flow part and the answers',
    fragment: `dw1/${SCRIPT}@1/data-freshness=${SCRIPT}/${SCRIPT}=y/citations=y`,
    answers: [],
    notices: [
      'This link names its flow in a way that cannot be read (`scriptalert1`).',
      "This link's answer to `data-freshness` is `scriptalert1` rather than yes or no; it was skipped.",
    ],
  },
  {
    name: 'markup in answer parts around good answers',
    fragment:
      `dw1/rag-vs-fine-tuning@1/data-freshness=n/${SCRIPT}/citations=<img src=x onerror=alert(2)>` +
      `/citations=y/${encodeURIComponent(SCRIPT)}=n`,
    answers: ['no', 'yes'],
    notices: ["This link's answer to `citations` is `imgsrcxonerroralert2` rather than yes or no; it was skipped."],
  },
];

/** Notice text with its quotes (`id` or “id”) made alike, so the tests do not pin the quote style. */
const sameQuotes = (text) => text.replace(/[`“”]/g, '"');

/** A pattern for a notice, in either quote style. */
const noticePattern = (text) => new RegExp(escapeRegExp(sameQuotes(text)).replace(/"/g, '[`“”"]'));

/** Makes any script the page runs from a link visible: alert and friends leave a mark. */
function watchForScripts() {
  window.__ran = [];
  for (const name of ['alert', 'confirm', 'prompt']) {
    const original = window[name];
    window[name] = (...args) => {
      window.__ran.push([name, ...args.map(String)]);
      return original.apply(window, args);
    };
  }
}

/** Asserts that nothing from the link ran or became markup. */
async function assertNothingRan(w) {
  assert.deepEqual(await w.page.evaluate(() => window.__ran), [], 'no script from the link ran');
  const markup = await w.host.evaluate((host) => ({
    scripts: host.shadowRoot.querySelectorAll('script').length + document.querySelectorAll('body script').length,
    images: host.shadowRoot.querySelectorAll('img').length,
  }));
  assert.deepEqual(markup, { scripts: 0, images: 0 }, 'no element came from the link');
}

for (const { name, fragment, answers, notices } of DAMAGED) {
  pageTest(
    `a link with ${name} opens the best state and says what it did not restore`,
    { path: '#' + fragment, beforeLoad: (w) => w.page.addInitScript(watchForScripts) },
    async (w) => {
      const [ready] = await w.events();
      assert.equal(ready.type, 'decision-ready');
      assert.deepEqual(ready.detail.answers, answersObject(answers));
      assert.equal(ready.detail.outcome, follow(answers).outcome);
      await assertShows(w, answers);

      await w.notice.waitFor();
      assert.ok(await w.notice.isVisible(), 'the notice is visible');
      const listed = (await w.notice.locator('li').allTextContents()).map((t) => t.trim());
      for (const notice of notices) {
        assert.ok(
          listed.map(sameQuotes).includes(sameQuotes(notice)),
          `the notice lists “${notice}”; it has ${JSON.stringify(listed)}`,
        );
      }
      assert.ok(listed.length <= 11, 'the notice is capped');
      for (const line of listed) {
        assert.ok(line.length < 300, `a short sentence: ${line}`);
        assert.doesNotMatch(line, /[<>]/, 'no markup is echoed');
      }
      await assertNothingRan(w);

      // The reader can dismiss it, and the widget works on.
      await w.notice.getByRole('button', { name: 'Dismiss', exact: true }).click();
      await w.notice.waitFor({ state: 'detached' });
      await w.expectChange(() => (follow(answers).outcome ? w.button('Start over') : w.answerButton('yes')).click());
      await assertNothingRan(w);
    },
  );
}

pageTest(
  'a section anchor such as #build-rag-first shows no notice and a fresh start',
  { path: '#build-rag-first' },
  async (w) => {
    const [ready] = await w.events();
    assert.deepEqual(ready.detail.answers, {});
    await assertShows(w, []);
    assert.equal(await w.host.locator('.dw-notice').count(), 0);
    assert.equal((await w.location()).hash, '#build-rag-first', 'the anchor is left to the page');
  },
);

pageTest(
  'a link for another flow shows no notice and a fresh start',
  { path: '#dw1/another-flow@1/data-freshness=y' },
  async (w) => {
    const [ready] = await w.events();
    assert.equal(ready.detail.flow, FLOW_ID);
    assert.deepEqual(ready.detail.answers, {});
    await assertShows(w, []);
    assert.equal(await w.host.locator('.dw-notice').count(), 0);
  },
);

pageTest(
  'a damaged link pasted into the open tab (hashchange) opens with a notice',
  { beforeLoad: (w) => w.page.addInitScript(watchForScripts) },
  async (w) => {
    await w.answer('yes');
    const event = await w.expectChange(() =>
      w.page.evaluate((f) => {
        location.hash = f;
      }, `dw1/rag-vs-fine-tuning@1/data-freshness=n/budget=y/${SCRIPT}/citations=n`),
    );
    assert.deepEqual(event.detail.answers, answersObject(['no', 'no']));
    await assertShows(w, ['no', 'no']);
    await w.notice
      .filter({ hasText: noticePattern("This flow has no question `budget`; the link's answer to it was ignored.") })
      .waitFor();
    await assertNothingRan(w);
  },
);

// ---------------------------------------------------------------------------
// The `answers` attribute

/** Serves the demo page with `answers="code"` on the widget, there before the element is defined. */
function withAnswersAttribute(code) {
  return (w) =>
    w.page.route(w.url, async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      assert.match(html, /<decision-widget /);
      await route.fulfill({ response, body: html.replace('<decision-widget ', `<decision-widget answers="${code}" `) });
    });
}

pageTest(
  'the answers attribute, set before the element is defined, opens its decision',
  { beforeLoad: withAnswersAttribute(linkCode(['no', 'no', 'yes'])) },
  async (w) => {
    const [ready] = await w.events();
    assert.equal(ready.type, 'decision-ready');
    assert.deepEqual(ready.detail.answers, answersObject(['no', 'no', 'yes']));
    assert.equal(ready.detail.outcome, 'fine-tune');
    await assertShows(w, ['no', 'no', 'yes']);
    assert.equal(await w.host.locator('.dw-notice').count(), 0);

    // Changed after mount: the widget follows it, and keeps the page URL in step.
    const changed = await w.expectChange(() =>
      w.host.evaluate((el, code) => el.setAttribute('answers', code), linkCode(['yes'])),
    );
    assert.equal(changed.type, 'decision-change');
    assert.deepEqual(changed.detail.answers, answersObject(['yes']));
    assert.equal(changed.detail.outcome, 'rag');
    await assertShows(w, ['yes']);
    assert.equal((await w.location()).hash, '#' + linkCode(['yes']));
  },
);

pageTest('the answers attribute changed after mount opens its decision', async (w) => {
  await w.answer('no');
  const code = linkCode(['no', 'no', 'no', 'no']);
  const changed = await w.expectChange(() => w.host.evaluate((el, c) => el.setAttribute('answers', c), code));
  assert.deepEqual(changed.detail.answers, answersObject(['no', 'no', 'no', 'no']));
  assert.equal(changed.detail.outcome, 'rag');
  await assertShows(w, ['no', 'no', 'no', 'no']);
});

pageTest('a link in the page URL wins over the answers attribute', {
  path: '#' + linkCode(['yes']),
  beforeLoad: withAnswersAttribute(linkCode(['no', 'no', 'yes'])),
}, async (w) => {
  const [ready] = await w.events();
  assert.deepEqual(ready.detail.answers, answersObject(['yes']));
  await assertShows(w, ['yes']);
});

pageTest(
  'a link for another flow in the page URL leaves the answers attribute in charge',
  { path: '#dw1/another-flow@1/x=y', beforeLoad: withAnswersAttribute(linkCode(['no', 'yes'])) },
  async (w) => {
    const [ready] = await w.events();
    assert.deepEqual(ready.detail.answers, answersObject(['no', 'yes']));
    await assertShows(w, ['no', 'yes']);
    assert.equal(await w.host.locator('.dw-notice').count(), 0);
  },
);

pageTest(
  'a damaged answers attribute set after mount says what it did not restore',
  {},
  async (w) => {
    const changed = await w.expectChange(() =>
      w.host.evaluate((el) => el.setAttribute('answers', 'dw1/rag-vs-fine-tuning@1/data-freshness=n/budget=y/citations=y')),
    );
    assert.deepEqual(changed.detail.answers, answersObject(['no', 'yes']));
    await assertShows(w, ['no', 'yes']);
    await w.notice
      .filter({ hasText: noticePattern("This flow has no question `budget`; the link's answer to it was ignored.") })
      .waitFor({ timeout: 1500 });
  },
);

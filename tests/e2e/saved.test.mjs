// Saved decisions: save with a title and note, the list with outcome and
// date, reload, Open, Rename, Delete and Undo, the stored document; and
// storage that is blocked, full, damaged or someone else's, which must
// leave the widget working, say so, and never lose or overwrite data.

import assert from 'node:assert/strict';
import { FLOW_ID, OUTCOMES, QUESTIONS, answersObject, linkCode, pageTest, useBrowser } from './harness.mjs';

useBrowser();

const KEY = 'decision-widget/saved';

/**
 * Locators of the saved decisions: the list (after the flowchart, folded
 * under its count) and the save form (behind the recommendation's Save
 * button), each with its own announced status.
 */
function saved(w) {
  const panel = w.host.locator('.dw-saved');
  const form = w.host.locator('.dw-save');
  return {
    panel,
    form,
    title: w.host.getByLabel('Title (optional)', { exact: true }),
    note: w.host.getByLabel('Note (optional)', { exact: true }),
    save: w.button('Save in this browser'),
    status: panel.locator('p.dw-status[role="status"]'),
    saveStatus: form.locator('p.dw-status[role="status"]'),
    items: panel.locator('ul.dw-saved-list > li.dw-saved-item'),
    notice: w.host.locator(':is(.dw-saved, .dw-save) .dw-notice'),
  };
}

/** Unfolds the list of saved decisions (it opens by itself after a save). */
async function unfoldSaved(w) {
  const fold = w.host.locator('details.dw-saved-fold');
  await fold.waitFor({ state: 'attached' });
  if (!(await fold.evaluate((d) => d.open))) await fold.locator('summary').click();
  await saved(w).items.first().waitFor();
}

/** The raw stored text under the widget's key, or null. */
const stored = (w) => w.page.evaluate((key) => localStorage.getItem(key), KEY);

/** Each listed item as { title, meta, note }. */
async function listed(w) {
  return saved(w).items.evaluateAll((items) =>
    items.map((li) => ({
      title: li.querySelector('.dw-saved-title')?.textContent.trim(),
      meta: li.querySelector('.dw-saved-meta')?.textContent.trim(),
      note: li.querySelector('.dw-saved-note')?.textContent.trim() ?? '',
    })),
  );
}

/** How the widget shows a save time: in its language (English here), medium date style. */
function shownDate(w, ms) {
  return w.page.evaluate((ms) => new Date(ms).toLocaleDateString('en', { dateStyle: 'medium' }), ms);
}

/** Opens the save form, fills it and saves; waits for its status to say `status`. */
async function save(w, { title = '', note = '' }, status) {
  const s = saved(w);
  await w.openPanel('Save');
  await s.title.fill(title);
  await s.note.fill(note);
  await s.save.click();
  await s.saveStatus.filter({ hasText: status }).waitFor();
}

pageTest('a saved decision is listed with title, note, outcome and date, kept on reload; Open restores it', async (w) => {
  const answers = ['no', 'no', 'yes'];
  await w.walk(answers);
  const s = saved(w);
  assert.equal(await s.items.count(), 0, 'nothing saved yet');
  await save(w, { title: 'Support bot tone', note: 'Agreed with the team.\nRevisit in Q3.' }, 'Saved “Support bot tone”.');
  assert.equal(await s.title.inputValue(), '', 'the form is cleared after saving');

  const doc = JSON.parse(await stored(w));
  assert.equal(doc.version, 1);
  assert.equal(doc.items.length, 1);
  const [item] = doc.items;
  assert.deepEqual(
    { ...item, id: typeof item.id, savedAt: typeof item.savedAt },
    {
      id: 'string',
      flow: FLOW_ID,
      flowVersion: 1,
      link: linkCode(answers),
      outcome: 'fine-tune',
      title: 'Support bot tone',
      note: 'Agreed with the team.\nRevisit in Q3.',
      savedAt: 'number',
    },
  );
  assert.ok(Math.abs(item.savedAt - Date.now()) < 60_000, 'saved now');
  const date = await shownDate(w, item.savedAt);
  const expected = [
    {
      title: 'Support bot tone',
      meta: `${OUTCOMES['fine-tune'].title} · saved ${date}`,
      note: 'Agreed with the team.\nRevisit in Q3.',
    },
  ];
  assert.deepEqual(await listed(w), expected);

  // A fresh visit without a link: the list is still there, on the first question.
  await w.page.goto(w.url);
  await w.waitForEvents(1);
  assert.deepEqual((await w.events())[0].detail.answers, {});
  await w.question.filter({ hasText: QUESTIONS['data-freshness'].text }).waitFor();
  assert.equal((await w.host.locator('details.dw-saved-fold > summary').textContent()).trim(), '1 saved decision');
  await unfoldSaved(w);
  assert.deepEqual(await listed(w), expected, 'the saved decision survives a reload');

  // Open, from the start.
  const opened = await w.expectChange(() => w.button('Open Support bot tone').click());
  assert.deepEqual(opened.detail.answers, answersObject(answers));
  assert.equal(opened.detail.outcome, 'fine-tune');
  await w.outcomeTitle.filter({ hasText: OUTCOMES['fine-tune'].title }).waitFor();
  assert.equal((await w.location()).hash, '#' + linkCode(answers), 'the page URL follows');
  assert.equal(await w.notice.count(), 0);

  // Open, from another outcome.
  await w.expectChange(() => w.button('Start over').click());
  await w.walk(['yes']);
  const again = await w.expectChange(() => w.button('Open Support bot tone').click());
  assert.deepEqual(again.detail.answers, answersObject(answers));
  await w.outcomeTitle.filter({ hasText: OUTCOMES['fine-tune'].title }).waitFor();
});

pageTest('two saves are both kept; Rename changes title and note; Delete removes and Undo puts it back', async (w) => {
  const s = saved(w);
  await w.walk(['yes']);
  // No title: the outcome's title is used.
  await save(w, {}, `Saved “${OUTCOMES.rag.title}”.`);
  await w.expectChange(() => w.button('Start over').click());
  await w.walk(['no', 'no', 'no', 'yes']);
  await save(w, { title: 'On-prem assistant', note: 'Privacy review pending' }, 'Saved “On-prem assistant”.');

  assert.deepEqual(
    (await listed(w)).map((i) => [i.title, i.meta.split(' · ')[0], i.note]),
    [
      ['On-prem assistant', OUTCOMES['fine-tune-small-open-weight'].title, 'Privacy review pending'],
      [OUTCOMES.rag.title, OUTCOMES.rag.title, ''],
    ],
    'both saves, newest first',
  );
  let doc = JSON.parse(await stored(w));
  assert.equal(doc.version, 1);
  assert.deepEqual(
    doc.items.map((i) => [i.title, i.outcome, i.link]),
    [
      ['On-prem assistant', 'fine-tune-small-open-weight', linkCode(['no', 'no', 'no', 'yes'])],
      [OUTCOMES.rag.title, 'rag', linkCode(['yes'])],
    ],
  );
  assert.notEqual(doc.items[0].id, doc.items[1].id, 'each has its own id');

  // Rename.
  await w.button('Rename On-prem assistant').click();
  const form = s.panel.locator('form.dw-rename-form');
  const title = form.getByLabel('Title', { exact: true });
  assert.equal(await title.inputValue(), 'On-prem assistant', 'the form starts from the current title');
  await title.fill('Private assistant');
  await form.getByLabel('Note', { exact: true }).fill('Privacy review passed');
  await form.getByRole('button', { name: 'Save changes', exact: true }).click();
  await s.status.filter({ hasText: 'Renamed to “Private assistant”.' }).waitFor();
  assert.equal(await form.count(), 0);
  assert.deepEqual((await listed(w))[0].title, 'Private assistant');
  assert.deepEqual((await listed(w))[0].note, 'Privacy review passed');
  doc = JSON.parse(await stored(w));
  assert.deepEqual([doc.items[0].title, doc.items[0].note], ['Private assistant', 'Privacy review passed']);
  const before = doc;

  // Delete the older one, then undo.
  await w.button(`Delete ${OUTCOMES.rag.title}`).click();
  await s.status.filter({ hasText: `Deleted “${OUTCOMES.rag.title}”.` }).waitFor();
  assert.deepEqual((await listed(w)).map((i) => i.title), ['Private assistant']);
  assert.deepEqual(JSON.parse(await stored(w)).items.map((i) => i.title), ['Private assistant'], 'gone from storage');
  await s.status.getByRole('button', { name: 'Undo', exact: true }).click();
  await s.status.filter({ hasText: `Restored “${OUTCOMES.rag.title}”.` }).waitFor();
  assert.deepEqual((await listed(w)).map((i) => i.title), ['Private assistant', OUTCOMES.rag.title], 'back in its place');
  assert.deepEqual(JSON.parse(await stored(w)), before, 'storage is as before the delete');

  // And it all survives a reload.
  await w.page.reload();
  await w.waitForEvents(1);
  await unfoldSaved(w);
  await s.items.nth(1).waitFor();
  assert.equal((await w.host.locator('details.dw-saved-fold > summary').textContent()).trim(), '2 saved decisions');
  assert.deepEqual((await listed(w)).map((i) => i.title), ['Private assistant', OUTCOMES.rag.title]);
});

// ---------------------------------------------------------------------------
// Storage faults

pageTest(
  'with localStorage blocked (its getter throws), the widget works and says saving is unavailable',
  {
    beforeLoad: (w) =>
      w.page.addInitScript(() => {
        Object.defineProperty(window, 'localStorage', {
          configurable: true,
          get() {
            throw new DOMException('The document is sandboxed and lacks the allow-same-origin flag.', 'SecurityError');
          },
        });
      }),
  },
  async (w) => {
    const s = saved(w);
    const message = 'Saving is unavailable: this browser blocks storage here. The link still reopens this decision.';
    // Said where the reader goes to save, not before.
    assert.equal(await s.notice.count(), 0, 'nothing about saving at the first question');
    await w.walk(['no', 'no', 'yes']);
    await w.openPanel('Save');
    await s.notice.filter({ hasText: message }).waitFor();
    assert.equal(await s.save.count(), 0, 'no save form that could not work');
    assert.equal((await w.location()).hash, '#' + linkCode(['no', 'no', 'yes']), 'the link still works');
    await w.expectChange(() => w.button('Back').click());
  },
);

const EARLIER = {
  id: '1700000000000',
  flow: FLOW_ID,
  flowVersion: 1,
  link: linkCode(['yes']),
  outcome: 'rag',
  title: 'Earlier decision',
  note: 'keep me',
  savedAt: 1700000000000,
};
const EARLIER_TEXT = JSON.stringify({ version: 1, items: [EARLIER] });

/** Puts `text` under the key with the real setItem, then makes every setItem throw QuotaExceededError. */
function fullStorage([key, text]) {
  try {
    localStorage.setItem(key, text);
    Storage.prototype.setItem = function setItem() {
      throw new DOMException("Failed to execute 'setItem' on 'Storage': the quota has been exceeded.", 'QuotaExceededError');
    };
  } catch {
    // about:blank has no storage.
  }
}

pageTest(
  'when storage is full (setItem throws QuotaExceededError), saving says it could not save and nothing is lost',
  { beforeLoad: (w) => w.page.addInitScript(fullStorage, [KEY, EARLIER_TEXT]) },
  async (w) => {
    const s = saved(w);
    await w.walk(['no', 'yes']);
    await unfoldSaved(w);
    const refused = "Could not save: the browser's storage is full or refused the write.";
    await save(w, { title: 'New one', note: 'typed by the reader' }, refused);
    assert.equal(await stored(w), EARLIER_TEXT, 'the stored list is untouched');
    assert.deepEqual((await listed(w)).map((i) => i.title), ['Earlier decision'], 'the earlier decision is still listed');
    // Everything else still works.
    await w.button('Delete Earlier decision').click();
    await s.status.filter({ hasText: refused }).waitFor();
    assert.equal(await stored(w), EARLIER_TEXT);
    assert.equal(await s.items.count(), 1);
    await w.expectChange(() => w.button('Start over').click());
  },
);

pageTest(
  'when a save fails, the title and note the reader typed are kept',
  {
    beforeLoad: (w) => w.page.addInitScript(fullStorage, [KEY, EARLIER_TEXT]),
  },
  async (w) => {
    const s = saved(w);
    await w.walk(['no', 'yes']);
    await save(w, { title: 'New one', note: 'typed by the reader' }, 'Could not save');
    assert.equal(await s.title.inputValue(), 'New one');
    assert.equal(await s.note.inputValue(), 'typed by the reader');
  },
);

const UNREADABLE = 'Saved decisions in this browser could not be read, so they are left untouched and saving is off.';
const NEWER =
  'Saved decisions in this browser were made by a newer version of this widget; they are left untouched and saving is off.';

const BAD_DATA = [
  { name: 'corrupt data', text: '{not json', message: UNREADABLE },
  { name: 'a newer version', text: '{"version": 9, "items": [{"id": "a", "shape": "new"}], "extra": true}', message: NEWER },
  { name: 'another app’s JSON', text: '{\n  "todos": [{"id": 1, "done": false}]\n}', message: UNREADABLE },
  { name: 'items of the wrong shape', text: '{"version":1,"items":[{"title":42}]}', message: UNREADABLE },
  { name: 'a JSON array', text: '[1, 2, 3]', message: UNREADABLE },
];

for (const { name, text, message } of BAD_DATA) {
  pageTest(`${name} under the key is reported and left byte-for-byte unchanged`, async (w) => {
    const s = saved(w);
    await w.walk(['yes']);
    await save(w, { title: 'Mine' }, 'Saved “Mine”.');

    // Another tab (or app) writes to the key; then the reader saves here.
    await w.page.evaluate(([key, text]) => localStorage.setItem(key, text), [KEY, text]);
    await s.title.fill('Second');
    await s.save.click();
    await s.notice.filter({ hasText: message }).first().waitFor();
    assert.equal(await stored(w), text, 'not overwritten by a save');
    assert.equal(await s.save.count(), 0, 'saving is off');

    // Opened with that data in storage.
    await w.page.reload();
    await w.waitForEvents(1);
    await s.notice.filter({ hasText: message }).waitFor();
    assert.equal(await s.save.count(), 0, 'no save form');
    await w.openPanel('Save');
    assert.equal(await s.save.count(), 0, 'no save form behind Save either');
    assert.equal(await s.items.count(), 0);
    assert.equal(await stored(w), text, 'not touched by opening the page');
    // The widget itself works.
    await w.outcomeTitle.filter({ hasText: OUTCOMES.rag.title }).waitFor();
    await w.expectChange(() => w.button('Start over').click());
    await w.answer('no');
    assert.equal(await stored(w), text);
  });
}

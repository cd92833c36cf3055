// End-to-end tests of the flow editor page (editor.html), through what an
// author sees and does: typing a flow into "Flow source", answering it in
// the preview, breaking it and finding the problem by its line in
// "Problems", templates, Mermaid import, the draft across a reload, share
// links, the download, the keyboard, and axe in light, dark and at 360 px.
//
// The page is served with its Content Security Policy as a header too, so
// any style or script the policy refuses shows up as a console error and
// fails the test (the accessibility checks bypass it to inject axe).

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { AXE, assertClean, check } from './a11y-checks.mjs';
import { DIST, pageTest, useBrowser } from './harness.mjs';

const PAGE_CSP = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(
  await readFile(new URL('editor.html', `file://${DIST.replace(/\/?$/, '/')}`), 'utf8'),
)[1];
useBrowser({ headers: (path) => (path === '/editor.html' ? { 'Content-Security-Policy': PAGE_CSP } : {}) });

const PATH = 'editor.html';
const ARTICLE_FLOW = await readFile(new URL('../../static/flows/rag-vs-fine-tuning.json', import.meta.url), 'utf8');
const CHOICES_FLOW = JSON.parse(
  await readFile(new URL('../../static/flows/data-pipeline-schedule.json', import.meta.url), 'utf8'),
);

/** A small flow, as an author would type it; line 17 is question `late`’s `"yes"`. */
const TYPED = `{
  "format": 1,
  "id": "coffee",
  "version": 1,
  "title": "Coffee now?",
  "start": "tired",
  "questions": [
    {
      "id": "tired",
      "text": "Are you tired?",
      "yes": "late",
      "no": "skip"
    },
    {
      "id": "late",
      "text": "Is it after 4 pm?",
      "yes": "decaf",
      "no": "espresso"
    }
  ],
  "outcomes": [
    { "id": "espresso", "title": "Have an espresso", "reasons": [{ "text": "It is early enough." }] },
    { "id": "decaf", "title": "Have a decaf", "reasons": [{ "text": "You still want to sleep." }] },
    { "id": "skip", "title": "Skip it", "reasons": [{ "text": "You are awake already." }] }
  ]
}
`;

/** Drives the editor page. */
class Editor {
  constructor(w) {
    this.w = w;
    this.page = w.page;
    this.source = this.page.getByRole('textbox', { name: 'Flow source' });
    this.problems = this.page.getByRole('list', { name: 'Problems' });
    this.count = this.page.locator('#problem-count');
    this.previewState = this.page.locator('#preview-state');
    this.status = this.page.locator('#editor-status');
    this.preview = this.page.locator('decision-widget#preview');
  }

  /** Waits for the checker to have looked at the draft. */
  async ready() {
    await this.page.waitForFunction(() => {
      const count = document.getElementById('problem-count')?.textContent ?? '';
      return count !== '' && count !== 'Checking…';
    });
  }

  /**
   * The editor's text, as the page keeps it in storage on every change
   * (CodeMirror draws only the lines in view).
   */
  text() {
    return this.page.evaluate(() => localStorage.getItem('decision-widget/editor-draft'));
  }

  /** Replaces the draft with `text`, as typing or pasting it would. */
  async replaceWith(text) {
    await this.source.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.insertText(text);
  }

  /** The line the cursor is on, from the editor's active-line gutter. */
  cursorLine() {
    return this.page.evaluate(() =>
      Number(document.getElementById('source').shadowRoot.querySelector('.cm-lineNumbers .cm-activeLineGutter')?.textContent),
    );
  }

  /** Waits until the preview is up to date and shows the flow titled `title`. */
  async previewShows(title) {
    await this.previewState.filter({ hasText: 'Up to date' }).waitFor();
    await this.preview.locator('.dw-title', { hasText: title }).waitFor();
  }

  /** The problem items, as their text. */
  problemTexts() {
    return this.problems.locator('li').allTextContents();
  }

  /** A button in the preview widget. */
  previewButton(name) {
    return this.preview.getByRole('button', { name, exact: true });
  }
}

async function open(w, path = PATH) {
  if (path !== PATH) await w.page.goto(w.url + path);
  const e = new Editor(w);
  await e.ready();
  return e;
}

const options = { path: PATH, waitReady: false };

pageTest('types a flow, answers it in the preview, breaks it and finds the problem by its line', options, async (w) => {
  const e = await open(w);
  await e.replaceWith(TYPED);
  await e.previewShows('Coffee now?');
  await e.count.filter({ hasText: 'No problems' }).waitFor();
  assert.equal(await e.problems.locator('li').count(), 0);

  // Answer in the preview, through its shadow DOM, to an outcome.
  await e.previewButton('Yes').click();
  await e.preview.locator('.dw-question-text', { hasText: 'Is it after 4 pm?' }).waitFor();
  await e.previewButton('No').click();
  await e.preview.locator('.dw-outcome-title', { hasText: 'Have an espresso' }).waitFor();

  // Break it: a missing comma on line 17.
  await e.replaceWith(TYPED.replace('"yes": "decaf",', '"yes": "decaf"'));
  await e.count.filter({ hasText: '1 problem' }).waitFor();
  const [problem] = await e.problemTexts();
  assert.match(problem, /^Line 18/, 'the problem names its line');
  await e.previewState.filter({ hasText: 'Outdated' }).waitFor();
  // The last valid draft stays in the preview, answered as it was.
  await e.preview.locator('.dw-outcome-title', { hasText: 'Have an espresso' }).waitFor();

  // Activating the problem puts the cursor on its line, in the editor.
  await e.w.page.keyboard.press('Escape');
  const item = e.problems.getByRole('button').first();
  await item.focus();
  await e.page.keyboard.press('Enter');
  assert.equal(await e.cursorLine(), 18);
  assert.ok(await e.source.evaluate((el) => el.getRootNode().activeElement === el), 'the editor has focus');
  // The line is marked in the text too.
  assert.equal(await e.page.evaluate(() => document.getElementById('source').shadowRoot.querySelectorAll('.cm-lintRange-error').length), 1);

  // Fixed again: the preview follows and keeps the reader's answers.
  await e.replaceWith(TYPED.replace('"title": "Have an espresso"', '"title": "Have a double espresso"'));
  await e.previewShows('Coffee now?');
  await e.preview.locator('.dw-outcome-title', { hasText: 'Have a double espresso' }).waitFor();
});

pageTest('a node problem names its node and line', options, async (w) => {
  const e = await open(w);
  await e.replaceWith(TYPED.replace('"no": "espresso"', '"no": "espresso-please"'));
  await e.problems.locator('li', { hasText: 'espresso-please' }).waitFor();
  await e.count.filter({ hasText: '1 problem' }).waitFor();
  const [problem] = await e.problemTexts();
  assert.match(problem, /question tired|question late/);
  assert.match(problem, /espresso-please/);
});

pageTest('templates: the article’s flow, a blank yes/no flow and a several-answer flow', options, async (w) => {
  const e = await open(w);
  await w.page.getByRole('button', { name: 'The article’s flow' }).click();
  await e.previewShows('RAG or fine-tuning?');
  assert.match(await e.text(), /"id": "rag-vs-fine-tuning"/);

  await w.page.getByRole('button', { name: 'Several answers' }).click();
  await e.previewShows(CHOICES_FLOW.title);
  await e.count.filter({ hasText: 'No problems' }).waitFor();
  // A several-answer question in the preview, answered to an outcome.
  for (const choice of ['A few times a day', 'An hour or more', 'Under 10 GB']) await e.previewButton(choice).click();
  await e.preview.locator('.dw-outcome-title', { hasText: 'Reload everything on a schedule' }).waitFor();

  await w.page.getByRole('button', { name: 'Blank yes/no' }).click();
  await e.previewShows('Should we do it?');
  await e.count.filter({ hasText: 'No problems' }).waitFor();
  // Undo in the editor brings the previous draft back.
  await e.source.click();
  await w.page.keyboard.press('ControlOrMeta+Z');
  await e.previewShows(CHOICES_FLOW.title);
});

pageTest('a pasted Mermaid flowchart is imported in place; its problems are listed by line', options, async (w) => {
  const e = await open(w);
  const mermaid = [
    'flowchart TD',
    '  tired{Are you tired?} -->|Yes| coffee[Have a coffee]',
    '  tired -->|No| water[Have a glass of water]',
  ].join('\n');
  await e.source.click();
  await w.page.keyboard.press('ControlOrMeta+A');
  await w.grantClipboard();
  await w.page.evaluate((text) => navigator.clipboard.writeText(text), mermaid);
  await w.page.keyboard.press('ControlOrMeta+V');
  await e.status.filter({ hasText: 'Imported the Mermaid flowchart' }).waitFor();
  await e.previewShows('');
  assert.match(await e.text(), /"questions"/);
  await e.previewButton('Yes').click();
  await e.preview.locator('.dw-outcome-title', { hasText: 'Have a coffee' }).waitFor();

  // A broken one stays as it is, with its problems by line.
  await e.replaceWith('flowchart TD\n  tired{Are you tired?} -->|Yes| coffee[Have a coffee]\n  tired -->|No| tired\n');
  await e.page.locator('#source-mode', { hasText: 'Mermaid' }).waitFor();
  await e.count.filter({ hasText: /problems? in the Mermaid flowchart/ }).waitFor();
  const problems = await e.problemTexts();
  assert.ok(problems.some((p) => /^Line \d/.test(p)), `problems by line: ${problems.join(' | ')}`);
  assert.match(await e.text(), /^flowchart TD/);
});

pageTest('the draft survives a reload, including a broken one', options, async (w) => {
  const e = await open(w);
  const broken = TYPED.replace('"start": "tired",', '"start": "tired"');
  await e.replaceWith(broken);
  // The comma missing after `start` is found where `questions` begins.
  await e.problems.locator('li', { hasText: /^Line 7/ }).waitFor();
  await w.page.reload();
  await e.ready();
  assert.equal(await e.text(), broken);
  await e.problems.locator('li', { hasText: /^Line 7/ }).waitFor();
  await e.count.filter({ hasText: '1 problem' }).waitFor();
});

pageTest(
  'where storage is blocked the page says so and keeps working',
  {
    ...options,
    beforeLoad: (w) =>
      w.page.addInitScript(() => {
        Object.defineProperty(window, 'localStorage', {
          get() {
            throw new DOMException('blocked', 'SecurityError');
          },
        });
      }),
  },
  async (w) => {
    const e = await open(w);
    await e.status.filter({ hasText: 'does not let the page keep your draft' }).waitFor();
    await e.replaceWith(TYPED);
    await e.previewShows('Coffee now?');
  },
);

pageTest('share link: copied, opened elsewhere, asked before replacing work; a damaged one loses nothing', options, async (w) => {
  const e = await open(w);
  await w.grantClipboard();
  await e.replaceWith(TYPED);
  await e.previewShows('Coffee now?');
  await w.page.getByRole('button', { name: 'Copy share link' }).click();
  await e.status.filter({ hasText: 'Copied a link to this draft' }).waitFor();
  const link = await w.readClipboard();
  assert.match(link, /editor\.html#draft=[A-Za-z0-9_-]+$/);

  // A fresh browser opens it at once: there is no work of its own to lose.
  const other = await w.openInNewContext(link.slice(w.url.length), { waitReady: false });
  const e2 = await open(other);
  await e2.previewShows('Coffee now?');
  assert.equal(await e2.text(), TYPED);
  assert.equal(new URL(other.page.url()).hash, '', 'the link is taken out of the address once read');

  // Here, with a draft of its own, the page asks first.
  await e2.replaceWith(TYPED.replace('Coffee now?', 'Tea now?'));
  await e2.previewShows('Tea now?');
  await other.page.goto(link);
  await other.page.getByRole('heading', { name: 'Open the shared draft?' }).waitFor();
  await other.page.getByRole('button', { name: 'Keep my draft' }).click();
  await e2.previewShows('Tea now?');
  await other.page.goto(link);
  await other.page.getByRole('button', { name: 'Open the shared draft' }).click();
  await e2.previewShows('Coffee now?');

  // A damaged link says so and changes nothing.
  await other.page.goto(w.url + 'editor.html#draft=AAAA-not-a-draft');
  await e2.status.filter({ hasText: 'This draft link is damaged' }).waitFor();
  await e2.previewShows('Coffee now?');
});

pageTest('download: the draft as flow.json', options, async (w) => {
  const e = await open(w);
  await e.replaceWith(TYPED);
  await e.previewShows('Coffee now?');
  const [download] = await Promise.all([
    w.page.waitForEvent('download'),
    w.page.getByRole('button', { name: 'Download flow.json' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'flow.json');
  const path = await download.path();
  assert.equal(await readFile(path, 'utf8'), TYPED);
  // The embed code names the flow's file.
  assert.match(await w.page.locator('#embed-code').textContent(), /flow="[^"]*\/flows\/coffee\.json"/);
});

pageTest('keyboard: Tab indents in the editor; Escape then Tab moves on', options, async (w) => {
  const e = await open(w);
  await e.replaceWith('{\n"format": 1\n}');
  await w.page.keyboard.press('ControlOrMeta+Home');
  await w.page.keyboard.press('ArrowDown');
  await w.page.keyboard.press('Tab');
  assert.match(await e.text(), /\n\s+"format": 1/, 'Tab indented the line');
  await w.page.keyboard.press('Escape');
  await w.page.keyboard.press('Tab');
  const focused = await w.focused();
  assert.notEqual(focused.className, 'cm-content', 'focus left the editor');
  assert.ok(focused.tag === 'a' || focused.tag === 'button', `focus moved to a control: ${JSON.stringify(focused)}`);
});

const VARIANTS = [
  { name: 'light, 1280 px', context: {} },
  { name: 'dark, 1280 px', context: { colorScheme: 'dark' } },
  { name: 'light, 360 px', context: { viewport: { width: 360, height: 740 } } },
  { name: 'dark, 360 px', context: { viewport: { width: 360, height: 740 }, colorScheme: 'dark' } },
];

for (const variant of VARIANTS) {
  pageTest(`axe: problems, the preview and the shared-draft question, ${variant.name}`, {
    ...options,
    context: { bypassCSP: true, ...variant.context },
  }, async (w) => {
    const e = await open(w);
    const d = {
      evaluate: (fn, arg) => w.page.evaluate(fn, arg),
      injectAxe: () => w.page.addScriptTag({ path: AXE }),
    };
    await e.replaceWith(TYPED);
    await e.previewShows('Coffee now?');
    await e.previewButton('Yes').click();
    await check(d, 'a valid draft in the preview');
    await e.replaceWith(TYPED.replace('"yes": "decaf",', '"yes": "decaf"'));
    await e.previewState.filter({ hasText: 'Outdated' }).waitFor();
    await check(d, 'a problem listed, the preview outdated');
    if (variant.context.viewport) {
      const overflow = await w.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
    }
    await w.grantClipboard();
    await w.page.getByRole('button', { name: 'Copy share link' }).click();
    const link = await w.readClipboard();
    await e.replaceWith(TYPED.replace('Coffee now?', 'Tea now?'));
    await e.previewShows('Tea now?');
    await w.page.goto(link);
    await w.page.getByRole('heading', { name: 'Open the shared draft?' }).waitFor();
    await check(d, 'asked before opening a shared draft');
    assertClean(d);
  });
}

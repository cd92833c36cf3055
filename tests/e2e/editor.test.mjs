// @ts-check
// End-to-end tests of the flow editor page (editor.html), through what an
// author sees and does: typing a flow into "Flow source", answering it in
// the preview, breaking it and finding the problem by its line in
// "Problems", templates, Mermaid import, the draft across a reload, share
// links, the download, the keyboard, and axe in light, dark and at 360 px.
//
// The page is served with its Content Security Policy as a header too, and
// every page a test opens is watched: besides what the harness fails a test
// on (page errors, console errors), any console warning and any violation
// of the policy the page itself hears (`securitypolicyviolation`, from the
// document, a frame or a shadow root such as the editor's) fails it. The
// accessibility checks bypass the policy to inject axe; they are watched
// for the rest.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { AXE, assertClean, check } from './a11y-checks.mjs';
import { DIST, pageTest, useBrowser } from './harness.mjs';

/** @typedef {import('./harness.mjs').WidgetDriver} WidgetDriver */

const PAGE_CSP = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(
  await readFile(new URL('editor.html', `file://${DIST.replace(/\/?$/, '/')}`), 'utf8'),
)?.[1];
assert.ok(PAGE_CSP, 'editor.html states its Content Security Policy');
useBrowser({
  headers: (/** @type {string} */ path) => (path === '/editor.html' ? { 'Content-Security-Policy': PAGE_CSP } : {}),
});

const PATH = 'editor.html';
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
  /** @param {WidgetDriver} w */
  constructor(w) {
    this.w = w;
    /** @type {import('playwright-core').Page} */
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
  async text() {
    return (await this.page.evaluate(() => localStorage.getItem('decision-widget/editor-draft'))) ?? '';
  }

  /**
   * Replaces the draft with `text`, as typing or pasting it would.
   * @param {string} text
   */
  async replaceWith(text) {
    await this.source.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.insertText(text);
  }

  /** The line the cursor is on, from the editor's active-line gutter. */
  cursorLine() {
    return this.page.evaluate(() =>
      Number(document.getElementById('source')?.shadowRoot?.querySelector('.cm-lineNumbers .cm-activeLineGutter')?.textContent),
    );
  }

  /** Waits until the preview is up to date and shows the flow titled `title`. */
  /** @param {string} title */
  async previewShows(title) {
    await this.previewState.filter({ hasText: 'Up to date' }).waitFor();
    await this.preview.locator('.dw-title', { hasText: title }).waitFor();
  }

  /** The problem items, as their text. */
  problemTexts() {
    return this.problems.locator('li').allTextContents();
  }

  /** A button in the preview widget. */
  /** @param {string} name */
  previewButton(name) {
    return this.preview.getByRole('button', { name, exact: true });
  }
}

/**
 * Opens the editor (at `path`, when not the page the test started on) and
 * waits for its first check.
 * @param {WidgetDriver} w
 */
async function open(w, path = PATH) {
  if (path !== PATH) await w.page.goto(w.url + path);
  const e = new Editor(w);
  await e.ready();
  return e;
}

/**
 * Watches `page` (before it loads anything) for what the harness does not
 * fail a test on itself: violations of the page's Content Security Policy,
 * as the page hears them, and console warnings. What it finds goes into
 * `problems`.
 * @param {import('playwright-core').Page} page
 * @param {string[]} problems
 */
async function watch(page, problems) {
  await page.exposeBinding('__editorProblem', (_source, /** @type {string} */ text) => {
    problems.push(text);
  });
  await page.addInitScript(() => {
    const report = /** @type {(text: string) => void} */ (/** @type {any} */ (window).__editorProblem);
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        // Where: the element's path through shadow roots, as far as the host.
        const path = event
          .composedPath()
          .slice(0, 4)
          .map((node) =>
            node instanceof Element
              ? node.localName + (node.className ? `.${String(node.className).split(' ')[0]}` : '')
              : node instanceof Node
                ? node.nodeName
                : 'window',
          )
          .join(' < ');
        report(
          `CSP violation: ${event.violatedDirective} refused ${event.blockedURI || 'inline'}` +
            `${event.sample ? ` (${JSON.stringify(event.sample)})` : ''} from ${event.sourceFile || 'the page'}:${event.lineNumber}:${event.columnNumber}, at ${path}`,
        );
      },
      true,
    );
  });
  page.on('console', (message) => {
    if (message.type() === 'warning') problems.push(`console warning: ${message.text()}`);
  });
}

/**
 * An editor test: `fn(w)` as with `pageTest`, on editor.html, with every
 * page it opens watched from before it loads (see `watch`) and the test
 * failed on anything found, even when `fn` itself passed.
 * @param {string} name
 * @param {import('./harness.mjs').PageTestOptions} options for `pageTest`
 * @param {(w: WidgetDriver) => Promise<void>} fn
 */
function editorTest(name, options, fn) {
  /** @type {string[]} */
  const problems = [];
  /**
   * @param {WidgetDriver} w a page's driver, before the page loads
   * @param {((w: WidgetDriver) => unknown) | undefined} then the test's own
   */
  const beforeLoad = async (w, then) => {
    await watch(w.page, problems);
    await then?.(w);
  };
  const first = (/** @type {WidgetDriver} */ w) => beforeLoad(w, options.beforeLoad);
  return pageTest(name, { path: PATH, waitReady: false, ...options, beforeLoad: first }, async (w) => {
    const openInNewContext = w.openInNewContext;
    w.openInNewContext = (path, more = {}) =>
      openInNewContext(path, { ...more, beforeLoad: (other) => beforeLoad(other, more.beforeLoad) });
    try {
      await fn(w);
    } catch (error) {
      if (problems.length && error instanceof Error) error.message += `\n(also: ${problems.join('; ')})`;
      throw error;
    }
    assert.deepEqual(problems, [], 'the editor page reported a policy violation or a console warning');
  });
}

editorTest('types a flow, answers it in the preview, breaks it and finds the problem by its line', {}, async (w) => {
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
  assert.ok(await e.source.evaluate((el) => /** @type {ShadowRoot} */ (el.getRootNode()).activeElement === el), 'the editor has focus');
  // The line is marked in the text too.
  assert.equal(await e.page.evaluate(() => document.getElementById('source')?.shadowRoot?.querySelectorAll('.cm-lintRange-error').length), 1);

  // Fixed again: the preview follows and keeps the reader's answers.
  await e.replaceWith(TYPED.replace('"title": "Have an espresso"', '"title": "Have a double espresso"'));
  await e.previewShows('Coffee now?');
  await e.preview.locator('.dw-outcome-title', { hasText: 'Have a double espresso' }).waitFor();
});

// A flow with problems after a valid one, worked on as an author does: the
// problem marked in the text, its message shown on hover over the mark and
// over the gutter's marker, typing at it and over a selection across it,
// then the fix typed in. Under the page's policy nothing may be refused
// (`editorTest` fails on any violation).
editorTest('a problem after a valid flow: marked, explained on hover, typed at and fixed, nothing refused', {}, async (w) => {
  const e = await open(w);
  await e.replaceWith(TYPED);
  await e.previewShows('Coffee now?');
  await e.replaceWith(TYPED.replace('"yes": "decaf",', '"yes": "decaf"'));
  await e.count.filter({ hasText: '1 problem' }).waitFor();
  const editor = e.page.locator('#source');
  const mark = editor.locator('.cm-lintRange-error');
  await mark.waitFor();

  // The message, on hover over the mark and over the gutter's marker.
  await mark.hover();
  await editor.locator('.cm-tooltip-lint', { hasText: 'after a field' }).waitFor();
  await editor.locator('.cm-lint-marker-error').hover();
  await editor.locator('.cm-tooltip-lint', { hasText: 'after a field' }).waitFor();

  // Typing at the problem (the browser inserts the text), then over a
  // selection that spans the mark and the text around it.
  await e.problems.getByRole('button').first().click();
  await e.page.keyboard.type('x', { delay: 50 });
  await e.count.filter({ hasText: /problem/ }).waitFor();
  await e.page.keyboard.press('Backspace');
  for (let i = 0; i < 3; i++) await e.page.keyboard.press('Shift+ArrowLeft');
  await e.page.keyboard.type('"', { delay: 50 });
  await e.page.keyboard.press('ControlOrMeta+Z');
  await e.page.keyboard.press('ControlOrMeta+Z');
  assert.equal(await e.text(), TYPED.replace('"yes": "decaf",', '"yes": "decaf"'), 'undo took both edits back');

  // The fix, typed: the comma at the end of line 17.
  await e.page.keyboard.press('ArrowUp');
  await e.page.keyboard.press('End');
  await e.page.keyboard.type(',', { delay: 50 });
  await e.count.filter({ hasText: 'No problems' }).waitFor();
  await e.previewShows('Coffee now?');
  assert.equal(await mark.count(), 0, 'the mark is gone');
});

editorTest('a node problem names its node and line', {}, async (w) => {
  const e = await open(w);
  await e.replaceWith(TYPED.replace('"no": "espresso"', '"no": "espresso-please"'));
  await e.problems.locator('li', { hasText: 'espresso-please' }).waitFor();
  await e.count.filter({ hasText: '1 problem' }).waitFor();
  const [problem] = await e.problemTexts();
  assert.match(problem, /question tired|question late/);
  assert.match(problem, /espresso-please/);
});

editorTest('templates: the article’s flow, a blank yes/no flow and a several-answer flow', {}, async (w) => {
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

editorTest('a pasted Mermaid flowchart is imported in place; its problems are listed by line', {}, async (w) => {
  const e = await open(w);
  const mermaid = [
    'flowchart TD',
    '  tired{Are you tired?} -->|Yes| coffee[Have a coffee]',
    '  tired -->|No| water[Have a glass of water]',
  ].join('\n');
  await e.source.click();
  await w.page.keyboard.press('ControlOrMeta+A');
  await w.grantClipboard();
  await w.page.evaluate((/** @type {string} */ text) => navigator.clipboard.writeText(text), mermaid);
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

editorTest('the draft survives a reload, including a broken one', {}, async (w) => {
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

editorTest(
  'where storage is blocked the page says so and keeps working',
  {
    beforeLoad: (/** @type {WidgetDriver} */ w) =>
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

editorTest('share link: copied, opened elsewhere, asked before replacing work; a damaged one loses nothing', {}, async (w) => {
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

editorTest('download: the draft as flow.json', {}, async (w) => {
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
  assert.match((await w.page.locator('#embed-code').textContent()) ?? '', /flow="[^"]*\/flows\/coffee\.json"/);
});

editorTest('keyboard: Tab indents in the editor; Escape then Tab moves on', {}, async (w) => {
  const e = await open(w);
  await e.replaceWith('{\n"format": 1\n}');
  await w.page.keyboard.press('ControlOrMeta+Home');
  await w.page.keyboard.press('ArrowDown');
  await w.page.keyboard.press('Tab');
  assert.match(await e.text(), /\n\s+"format": 1/, 'Tab indented the line');
  await w.page.keyboard.press('Escape');
  await w.page.keyboard.press('Tab');
  const focused = await w.focused();
  assert.ok(focused, 'something has focus');
  assert.notEqual(focused.className, 'cm-content', 'focus left the editor');
  assert.ok(focused.tag === 'a' || focused.tag === 'button', `focus moved to a control: ${JSON.stringify(focused)}`);
});

/** @type {{ name: string, context: import('playwright-core').BrowserContextOptions }[]} */
const VARIANTS = [
  { name: 'light, 1280 px', context: {} },
  { name: 'dark, 1280 px', context: { colorScheme: 'dark' } },
  { name: 'light, 360 px', context: { viewport: { width: 360, height: 740 } } },
  { name: 'dark, 360 px', context: { viewport: { width: 360, height: 740 }, colorScheme: 'dark' } },
];

for (const variant of VARIANTS) {
  editorTest(`axe: problems, the preview and the shared-draft question, ${variant.name}`, {
    context: { bypassCSP: true, ...variant.context },
  }, async (w) => {
    const e = await open(w);
    const d = {
      evaluate: (/** @type {any} */ fn, /** @type {any} */ arg) => w.page.evaluate(fn, arg),
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

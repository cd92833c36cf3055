// The flow editor page (editor.html): the "Flow source" editor, the
// "Problems" list, the live preview, templates, Mermaid import, and the
// draft kept in this browser, downloaded, embedded or shared as a link.
//
// Checking and importing run in the editor's own wasm (the crate built with
// `--features tools`, src/tools/wasm.rs), so the editor says exactly
// what the widget would. The build bundles this file with CodeMirror into
// editor.js; none of it is loaded by pages that only show the widget.

import initTools, * as tools from './tools.js';
import { createSource } from './source.js';
import { Preview } from './preview.js';
import { loadDraft, saveDraft } from './draft.js';
import { draftFragment, isDraftFragment, readDraftFragment } from './share.js';
import { TEMPLATES, templateText } from './templates.js';

/**
 * @typedef {import('./source.js').Problem} Problem
 * @typedef {import('./templates.js').TemplateKey} TemplateKey
 * @typedef {import('./preview.js').PreviewState} PreviewState
 */

/**
 * What `tools.checkFlow` returns (crates/tools/src/lib.rs, `Report`).
 * @typedef {{ valid: boolean, problems: (Problem & { line: number, column: number })[] }} Report
 */

/**
 * What `tools.importMermaid` returns (crates/tools/src/lib.rs, `Import`):
 * the flow file's text, or the problems by line.
 * @typedef {{ json?: string | null, problems: { line: number, message: string }[] }} Import
 */

/** Pause in typing before the draft is checked and previewed (ms). */
const CHECK_DELAY = 300;

/** A Mermaid flowchart: `flowchart` or `graph` first, after any `%%` comments. */
const MERMAID = /^\s*(?:%%[^\n]*(?:\n\s*|$))*(?:flowchart|graph)\b/;

/**
 * The page's element `id`, of class `type`: editor.html has each one this
 * script uses, so a missing one is a broken page, said at once.
 * @template {HTMLElement} [T=HTMLElement]
 * @param {string} id
 * @param {new (...args: any[]) => T} [type]
 * @returns {T}
 */
function $(id, type) {
  const element = document.getElementById(id);
  if (!(element instanceof (type ?? HTMLElement))) throw new Error(`editor.html has no element #${id} of the expected kind`);
  return /** @type {T} */ (element);
}
const status = $('editor-status');
const problemList = $('problem-list');
const problemCount = $('problem-count');
const sourceMode = $('source-mode');
const previewState = $('preview-state');
const previewNote = $('preview-note');

/**
 * Says `message` in the status line under the actions (a live region).
 * @param {string} message
 */
function say(message) {
  status.textContent = message;
}

// ---------------------------------------------------------------------------
// The draft, kept in this browser on every change.

const stored = loadDraft();
let storageWorks = !stored.blocked;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer;
let ready = false;
/**
 * What the last change was: a paste of Mermaid is imported at once.
 * @type {'paste' | 'edit' | 'template' | 'link' | null}
 */
let lastInput = null;

const source = createSource($('source'), {
  doc: stored.text ?? TEMPLATES['yes-no'].text(new URL('flow.schema.json', document.baseURI).href),
  onChange(text, update) {
    keep(text);
    lastInput = update.transactions.find((t) => t.isUserEvent('input.paste') || t.isUserEvent('input.drop'))
      ? 'paste'
      : 'edit';
    clearTimeout(timer);
    timer = setTimeout(check, CHECK_DELAY);
  },
});

/** @param {string} text */
function keep(text) {
  const kept = saveDraft(text);
  if (kept !== storageWorks) {
    storageWorks = kept;
    say(
      kept
        ? 'Your draft is kept in this browser again.'
        : 'This browser does not let the page keep your draft, so it is not saved: download it before you leave.',
    );
  }
}

if (stored.blocked) {
  say('This browser does not let the page keep your draft, so it is not saved: download it before you leave.');
}

// ---------------------------------------------------------------------------
// Problems: the list, the count and the marks in the text.

/**
 * Appends `text` to `parent`, with `code` spans set in <code>.
 * @param {HTMLElement} parent
 * @param {string} text
 */
function appendText(parent, text) {
  text.split('`').forEach((part, i) => {
    if (part === '') return;
    if (i % 2 === 1) parent.append(Object.assign(document.createElement('code'), { textContent: part }));
    else parent.append(part);
  });
}

/**
 * Lists `problems`, counts them and marks them in the text.
 * @param {Problem[]} problems
 * @param {{ mermaid?: boolean }} [options]
 */
function showProblems(problems, { mermaid = false } = {}) {
  const items = problems.map((problem) => {
    const item = document.createElement('li');
    const where = document.createElement('span');
    where.className = 'problem-line';
    where.textContent = problem.line ? `Line ${problem.line}` : 'Whole flow';
    const what = document.createElement('span');
    what.className = 'problem-text';
    if (problem.node) {
      const node = document.createElement('span');
      node.className = 'problem-node';
      appendText(node, problem.node);
      what.append(node, ': ');
    }
    appendText(what, problem.message);
    const line = problem.line;
    if (line) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'problem';
      button.append(where, what);
      button.addEventListener('click', () => source.goTo(line, problem.column));
      item.append(button);
    } else {
      item.className = 'problem';
      item.append(where, what);
    }
    return item;
  });
  problemList.replaceChildren(...items);
  const n = problems.length;
  const noun = mermaid ? 'in the Mermaid flowchart' : '';
  problemCount.textContent =
    n === 0 ? 'No problems' : `${n} ${n === 1 ? 'problem' : 'problems'}${noun ? ' ' + noun : ''}`;
  problemCount.classList.toggle('has-problems', n > 0);
  source.mark(problems);
}

// ---------------------------------------------------------------------------
// The preview.

const preview = new Preview($('preview'), (state, message) => {
  previewState.dataset.state = state;
  previewNote.hidden = state === 'current';
  if (state === 'current') {
    previewState.textContent = 'Up to date';
  } else if (state === 'outdated') {
    previewState.textContent = 'Outdated';
    previewNote.textContent = 'Showing the last valid version of the draft. Fix the problems to see your changes.';
  } else if (state === 'failed') {
    previewState.textContent = 'Could not show the draft';
    previewNote.hidden = false;
    previewNote.textContent = message ?? '';
  } else {
    previewState.textContent = 'Waiting for a valid flow';
    previewNote.textContent = 'The preview shows the draft once it is a valid flow.';
  }
});

// ---------------------------------------------------------------------------
// Checking, and importing Mermaid.

/**
 * The Mermaid import of the current text, when it is a clean one.
 * @type {string | null}
 */
let imported = null;

function check() {
  clearTimeout(timer);
  if (!ready) return;
  const text = source.text();
  if (MERMAID.test(text)) {
    checkMermaid(text);
    return;
  }
  setMode('json');
  const report = /** @type {Report} */ (tools.checkFlow(text));
  showProblems(report.problems);
  if (report.valid) {
    const flow = JSON.parse(text);
    preview.show(text, { id: flow.id, version: flow.version });
    showEmbed(flow.id);
  } else {
    preview.outdated();
  }
}

/** @param {'json' | 'mermaid'} mode */
function setMode(mode) {
  if (sourceMode.dataset.mode === mode) return;
  sourceMode.dataset.mode = mode;
  sourceMode.textContent = mode === 'json' ? 'JSON' : 'Mermaid, to import';
  source.setLanguage(mode);
  if (mode === 'json') imported = null;
}

/** @param {string} text */
function checkMermaid(text) {
  setMode('mermaid');
  preview.outdated();
  const result = /** @type {Import} */ (tools.importMermaid(text));
  imported = result.json ?? null;
  if (!imported) {
    showProblems(result.problems.map((p) => ({ ...p, column: null, node: null })), { mermaid: true });
    say('This is a Mermaid flowchart. Fix the problems listed and it can be imported.');
    return;
  }
  showProblems([], { mermaid: true });
  // A pasted flowchart becomes a flow at once; one typed by hand waits for
  // the button, so it does not turn into JSON halfway through.
  if (lastInput === 'paste') importNow();
  else say('This is a Mermaid flowchart with no problems: Import Mermaid turns it into a flow.');
}

function importNow() {
  if (!imported) return false;
  const json = imported;
  imported = null;
  source.replace(json);
  check();
  say('Imported the Mermaid flowchart. Undo (Ctrl+Z in the editor) brings the Mermaid back.');
  return true;
}

$('import-mermaid').addEventListener('click', () => {
  if (MERMAID.test(source.text())) {
    check();
    if (!importNow()) {
      say('The Mermaid flowchart has problems, listed under Problems; fix them and import again.');
      problemList.querySelector('button')?.focus();
    }
    return;
  }
  // Nothing to import yet: select the draft so that a paste replaces it.
  source.view.dispatch({ selection: { anchor: 0, head: source.view.state.doc.length } });
  source.focus();
  say(
    'Paste your Mermaid flowchart now (Ctrl+V): it replaces the selected draft and is imported at once. ' +
      'Questions are {rhombus} nodes, outcomes [boxes], and edges are labelled with the answers.',
  );
});

// ---------------------------------------------------------------------------
// Templates.

for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('[data-template]'))) {
  button.addEventListener('click', async () => {
    const key = /** @type {TemplateKey} */ (button.dataset.template);
    let text;
    try {
      text = await templateText(key);
    } catch (error) {
      say(`The template could not be loaded (${error instanceof Error ? error.message : error}). Your draft is unchanged.`);
      return;
    }
    source.replace(text);
    lastInput = 'template';
    check();
    source.focus();
    say(`Started from ${TEMPLATES[key].name}. Undo (Ctrl+Z in the editor) brings your previous draft back.`);
  });
}

// ---------------------------------------------------------------------------
// Download, embed code, share link.

$('download').addEventListener('click', () => {
  const url = URL.createObjectURL(new Blob([source.text()], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: 'flow.json' });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once it starts.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  const n = problemList.children.length;
  say(n ? `Downloaded flow.json. It still has ${n} ${n === 1 ? 'problem' : 'problems'}.` : 'Downloaded flow.json.');
});

/** Where the widget's files are: this page's own site. */
const widgetBase = new URL('./', document.baseURI).href;

/** @param {string} id */
function showEmbed(id) {
  const file = `flows/${id}.json`;
  $('embed-file').textContent = file;
  $('embed-code').textContent =
    `<script type="module" src="${widgetBase}embed.js"></script>\n` +
    `<decision-widget flow="${widgetBase}${file}" theme="auto"></decision-widget>`;
}
showEmbed('my-flow');

/**
 * Copies `text`; where the browser refuses, shows it in a field to copy by hand.
 * @param {string} text
 * @param {string} what
 */
async function copy(text, what) {
  const fallback = $('copy-fallback');
  try {
    await navigator.clipboard.writeText(text);
    fallback.hidden = true;
    say(`Copied ${what}.`);
  } catch {
    $('copy-fallback-label').textContent = `This browser did not let the page copy ${what}; copy it from here:`;
    const field = $('copy-fallback-field', HTMLInputElement);
    field.value = text;
    fallback.hidden = false;
    field.focus();
    field.select();
    say(`Could not copy ${what}: it is in the field below, selected.`);
  }
}

$('copy-embed').addEventListener('click', () => copy($('embed-code').textContent ?? '', 'the embed code'));

$('share').addEventListener('click', async () => {
  const fragment = await draftFragment(source.text());
  const link = new URL(`#${fragment}`, location.href).href;
  await copy(link, `a link to this draft (${link.length} characters)`);
});

// ---------------------------------------------------------------------------
// Opening a draft link.

const offer = $('shared-offer');
/** @type {string | null} */
let offered = null;

/** Whether the editor holds work that opening another draft would replace. */
function hasOwnWork() {
  const text = source.text();
  return text.trim() !== '' && text !== TEMPLATES['yes-no'].text(new URL('flow.schema.json', document.baseURI).href);
}

function clearFragment() {
  history.replaceState(history.state, '', location.pathname + location.search);
}

async function openDraftLink() {
  if (!isDraftFragment(location.hash)) return;
  const result = await readDraftFragment(location.hash);
  clearFragment();
  if (result.error !== undefined) {
    say(`${result.error} Your own draft is unchanged.`);
    return;
  }
  if (result.text === source.text()) {
    say('The shared draft is the one already open.');
  } else if (hasOwnWork()) {
    offered = result.text;
    offer.hidden = false;
    $('shared-offer-heading').focus();
  } else {
    openShared(result.text);
  }
}

/** @param {string} text */
function openShared(text) {
  offer.hidden = true;
  offered = null;
  source.replace(text);
  lastInput = 'link';
  check();
  say('Opened the shared draft.');
  $('source-heading').focus();
}

$('shared-open').addEventListener('click', () => offered !== null && openShared(offered));
$('shared-keep').addEventListener('click', () => {
  offer.hidden = true;
  offered = null;
  say('Kept your draft; the shared one was not opened.');
  $('source-heading').focus();
});
window.addEventListener('hashchange', openDraftLink);

// ---------------------------------------------------------------------------
// Start: the checker first, then the first check and any draft link.

initTools({ module_or_path: new URL('tools_bg.wasm', import.meta.url) })
  .then(() => {
    ready = true;
    check();
    return openDraftLink();
  })
  .catch((error) => {
    problemCount.textContent = 'The checker could not load';
    say('The flow checker could not load, so the draft is not checked or previewed. Reload the page to try again.');
    console.error('editor:', error);
  });

// The "Flow source" editing surface: CodeMirror 6 with line numbers, JSON
// colouring, problems marked in the gutter and underlined, search, undo,
// and completion of the flow format's keys and of node ids.
//
// CodeMirror styles itself by adding rules at run time. In a document it
// would add a <style> element, which the page's Content Security Policy
// (style-src 'self', no nonce on a static page) refuses; inside a shadow
// root it uses a constructed stylesheet (adoptedStyleSheets), which the
// policy allows. So the editor lives in a shadow root of its own, and its
// look comes from the page's colour tokens, which inherit into it.

import { Compartment, EditorSelection, EditorState } from '@codemirror/state';
import {
  EditorView,
  crosshairCursor,
  drawSelection,
  dropCursor,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab, undo } from '@codemirror/commands';
import {
  HighlightStyle,
  bracketMatching,
  foldGutter,
  foldKeymap,
  indentOnInput,
  syntaxHighlighting,
  syntaxTree,
} from '@codemirror/language';
import { json } from '@codemirror/lang-json';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { tags } from '@lezer/highlight';

/**
 * @typedef {import('@codemirror/state').EditorState} State
 * @typedef {import('@lezer/common').SyntaxNode} SyntaxNode
 * @typedef {import('@codemirror/autocomplete').CompletionContext} CompletionContext
 * @typedef {import('@codemirror/autocomplete').CompletionResult} CompletionResult
 * @typedef {import('@codemirror/lint').Diagnostic} Diagnostic
 * @typedef {import('@codemirror/view').ViewUpdate} ViewUpdate
 */

/**
 * A problem the checker found, as the editor marks it: where (line and
 * column from 1, when it has a place), the node it is about, and what.
 * @typedef {{ line?: number | null, column?: number | null, node?: string | null, message: string }} Problem
 */

/** The accessible name of the editing surface (DESIGN.md, "Editor page"). */
export const SOURCE_NAME = 'Flow source';

const colours = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--code-key)' },
  { tag: tags.string, color: 'var(--code-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--code-literal)' },
  { tag: [tags.punctuation, tags.separator, tags.brace, tags.squareBracket], color: 'var(--muted)' },
  { tag: tags.invalid, color: 'var(--code-error)' },
]);

// Every colour is one of the page's tokens (static/page.css, editor.css),
// so light and dark follow the page.
const theme = EditorView.theme({
  '&': {
    height: '100%',
    color: 'var(--fg)',
    backgroundColor: 'var(--bg)',
    fontSize: '0.9375rem',
  },
  '&.cm-focused': { outline: '3px solid var(--accent)', outlineOffset: '-3px' },
  '.cm-scroller': {
    fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace',
    lineHeight: '1.55',
  },
  '.cm-content': { caretColor: 'var(--fg)', padding: '0.5rem 0' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)', borderLeftWidth: '2px' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection':
    { backgroundColor: 'var(--code-selection)' },
  '.cm-activeLine': { backgroundColor: 'var(--code-active-line)' },
  '.cm-gutters': { backgroundColor: 'var(--panel)', color: 'var(--muted)', borderRight: '1px solid var(--rule)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--code-active-line)', color: 'var(--fg)' },
  '.cm-lineNumbers .cm-gutterElement': { padding: '0 0.5rem 0 0.75rem' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--panel)', border: '1px solid var(--rule)', color: 'var(--fg)' },
  '.cm-matchingBracket': { backgroundColor: 'var(--code-selection)', outline: '1px solid var(--muted)' },
  '.cm-searchMatch': { backgroundColor: 'var(--code-match)', outline: '1px solid var(--muted)' },
  '.cm-lintRange-error': {
    backgroundImage: 'none',
    textDecoration: 'underline wavy var(--code-error)',
    textDecorationSkipInk: 'none',
    textUnderlineOffset: '3px',
  },
  '.cm-tooltip': {
    backgroundColor: 'var(--bg)',
    color: 'var(--fg)',
    border: '1px solid var(--rule)',
    borderRadius: '6px',
  },
  '.cm-tooltip-lint .cm-diagnostic-error': { borderLeftColor: 'var(--code-error)' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--bg)' },
  '.cm-panels': { backgroundColor: 'var(--panel)', color: 'var(--fg)' },
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--rule)' },
  '.cm-panels.cm-panels-bottom': { borderTop: '1px solid var(--rule)' },
  '.cm-textfield': {
    backgroundColor: 'var(--bg)',
    color: 'var(--fg)',
    border: '1px solid var(--muted)',
    borderRadius: '4px',
  },
  '.cm-button': {
    backgroundImage: 'none',
    backgroundColor: 'var(--panel)',
    color: 'var(--fg)',
    border: '1px solid var(--muted)',
    borderRadius: '4px',
  },
  '.cm-panel.cm-search label': { color: 'var(--fg)' },
  '.cm-panel button[name=close]': { color: 'var(--fg)' },
});

// ---------------------------------------------------------------------------
// Completion: keys of the flow format where a key goes, node ids where an
// answer leads somewhere. Both read the syntax tree, which exists for any
// text, so completion works while the draft is still broken.

/** @typedef {'flow' | 'question' | 'choice' | 'outcome' | 'note'} ObjectKind */

/**
 * The keys each kind of object in a flow file takes (DESIGN.md, format 2).
 * @type {Record<ObjectKind, string[]>}
 */
const KEYS = {
  flow: ['$schema', 'format', 'id', 'version', 'lang', 'title', 'intro', 'start', 'practice', 'labels', 'questions', 'outcomes'],
  question: ['id', 'label', 'text', 'help', 'yes', 'no', 'choices'],
  choice: ['id', 'label', 'next'],
  outcome: ['id', 'label', 'title', 'summary', 'reasons'],
  note: ['text', 'section'],
};

/** Keys whose value names a question or an outcome. */
const LEADS_TO = new Set(['start', 'yes', 'no', 'next']);

/**
 * The key of the JSON property `property`, without its quotes.
 * @param {State} state
 * @param {SyntaxNode | null | undefined} property
 * @returns {string | null}
 */
const keyName = (state, property) => {
  const name = property?.getChild('PropertyName');
  return name ? state.sliceDoc(name.from, name.to).replace(/^"|"$/g, '') : null;
};

/**
 * The names of the properties that enclose the object `node`, innermost first.
 * @param {State} state
 * @param {SyntaxNode} node
 */
function enclosingKeys(state, node) {
  /** @type {(string | null)[]} */
  const keys = [];
  for (let at = node.parent; at; at = at.parent) if (at.name === 'Property') keys.push(keyName(state, at));
  return keys;
}

/**
 * What kind of flow object the JSON object `object` is, by where it sits.
 * @param {State} state
 * @param {SyntaxNode} object
 * @returns {ObjectKind | null}
 */
function objectKind(state, object) {
  const keys = enclosingKeys(state, object);
  if (keys.length === 0) return 'flow';
  if (keys[0] === 'questions') return 'question';
  if (keys[0] === 'outcomes') return 'outcome';
  if (keys[0] === 'choices') return 'choice';
  if (keys[0] === 'practice' || keys[0] === 'reasons') return 'note';
  return null;
}

/**
 * The ids of every question and outcome in the draft, with their kind.
 * @param {State} state
 */
function nodeIds(state) {
  /** @type {{ id: string, kind: 'question' | 'outcome' }[]} */
  const ids = [];
  syntaxTree(state).iterate({
    enter(ref) {
      if (ref.name !== 'Property' || keyName(state, ref.node) !== 'id') return;
      const object = ref.node.parent;
      const kind = object && objectKind(state, object);
      const value = ref.node.getChild('String');
      if ((kind === 'question' || kind === 'outcome') && value) {
        const id = state.sliceDoc(value.from + 1, value.to - 1);
        if (id) ids.push({ id, kind });
      }
    },
  });
  return ids;
}

/**
 * Completes a key or, where an answer leads, a node id.
 * @param {CompletionContext} context
 * @returns {CompletionResult | null}
 */
function completeFlow(context) {
  const { state, pos } = context;
  const node = syntaxTree(state).resolveInner(pos, -1);
  // A string being typed: a key (PropertyName) or a value (String).
  if (node.name === 'PropertyName' || (node.name === 'String' && node.parent?.name === 'Property')) {
    const from = node.from + 1;
    const property = node.parent;
    const object = property?.parent;
    if (node.name === 'PropertyName' && property && object) {
      const kind = objectKind(state, object);
      const present = new Set(object.getChildren('Property').map((p) => keyName(state, p)));
      const options = (kind ? KEYS[kind] : [])
        .filter((key) => !present.has(key) || key === keyName(state, property))
        .map((key) => ({ label: key, type: 'property' }));
      return options.length ? { from, to: node.to - 1 > from ? node.to - 1 : undefined, options, validFor: /^[\w$-]*$/ } : null;
    }
    const key = keyName(state, property);
    if (key !== null && LEADS_TO.has(key)) {
      const options = nodeIds(state).map(({ id, kind }) => ({ label: id, type: kind === 'question' ? 'class' : 'constant', detail: kind }));
      return options.length ? { from, options, validFor: /^[a-z0-9-]*$/ } : null;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------
// Typing over a selection. CodeMirror lets the browser insert typed text
// and then reads the change back; where the selection spans several
// coloured tokens, Chromium's editing keeps their look by adding `style=`
// attributes, which the page's policy refuses (a console error each time,
// though CodeMirror redraws the line anyway). Replacing a selection here,
// as CodeMirror's own input handlers (such as closing brackets) would,
// leaves the browser nothing to insert.

const typeOverSelection = EditorView.domEventHandlers({
  beforeinput(event, view) {
    const { state } = view;
    const text = event.data;
    if (typeof text !== 'string' || !/^insert(Text|ReplacementText)$/.test(event.inputType)) return false;
    if (state.selection.ranges.every((range) => range.empty)) return false;
    event.preventDefault();
    const { from, to } = state.selection.main;
    const insert = () => state.update(state.replaceSelection(text), { userEvent: 'input.type', scrollIntoView: true });
    if (!state.facet(EditorView.inputHandler).some((handler) => handler(view, from, to, text, insert))) {
      view.dispatch(insert());
    }
    return true;
  },
});

// ---------------------------------------------------------------------------

/**
 * Creates the editor in `host` (which gets a shadow root) holding `doc`.
 * `onChange(text, update)` runs after every change of the text.
 * @param {HTMLElement} host
 * @param {{ doc: string, onChange: (text: string, update: ViewUpdate) => void }} options
 */
export function createSource(host, { doc, onChange }) {
  const language = new Compartment();
  const shadow = host.attachShadow({ mode: 'open' });
  const view = new EditorView({
    root: shadow,
    parent: shadow,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        foldGutter(),
        lintGutter(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        dropCursor(),
        EditorState.allowMultipleSelections.of(true),
        indentOnInput(),
        syntaxHighlighting(colours),
        bracketMatching(),
        closeBrackets(),
        autocompletion({ override: [completeFlow], icons: false }),
        rectangularSelection(),
        crosshairCursor(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        // Tab indents, as authors expect in a code editor; Escape then Tab
        // (or Shift+Tab) still moves focus on, which the page explains.
        keymap.of([
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...searchKeymap,
          ...historyKeymap,
          ...foldKeymap,
          ...completionKeymap,
          indentWithTab,
        ]),
        language.of(json()),
        EditorState.tabSize.of(2),
        EditorView.lineWrapping,
        typeOverSelection,
        theme,
        // Focusable already (contenteditable), but said outright so that
        // checkers see the scrolling region has something to focus.
        EditorView.contentAttributes.of({ 'aria-label': SOURCE_NAME, tabindex: '0' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString(), update);
        }),
      ],
    }),
  });

  /**
   * @param {number} line
   * @param {number | null} [column]
   */
  const offsetOf = (line, column) => {
    const doc = view.state.doc;
    const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
    return Math.min(at.from + Math.max((column ?? 1) - 1, 0), at.to);
  };

  return {
    view,
    /** The current text. */
    text: () => view.state.doc.toString(),
    /**
     * Replaces the whole text as one step that Undo takes back, and puts
     * the cursor at the start.
     * @param {string} text
     */
    replace(text) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        selection: EditorSelection.cursor(0),
        scrollIntoView: true,
        userEvent: 'input.replace',
      });
    },
    /** Takes back the last change, as Ctrl+Z does. */
    undo: () => undo(view),
    /**
     * Marks `problems` in the text: each with a line (and column) is
     * underlined from there to the end of its token or line, with its
     * message on the gutter marker and on hover.
     * @param {Problem[]} problems
     */
    mark(problems) {
      const doc = view.state.doc;
      const diagnostics = problems
        .flatMap((p) => {
          if (!p.line) return [];
          const from = offsetOf(p.line, p.column);
          const line = doc.lineAt(from);
          // To the end of the word or string there, at least one character.
          const rest = doc.sliceString(from, line.to);
          const token = /^("(?:[^"\\]|\\.)*"?|[^\s,:{}[\]]+)/.exec(rest);
          const to = Math.min(line.to, from + Math.max(token ? token[0].length : rest.length, 1));
          /** @type {Diagnostic} */
          const diagnostic = {
            from: from === line.to && from > line.from ? from - 1 : from,
            to: Math.max(to, from),
            severity: 'error',
            message: p.node ? `${p.node}: ${p.message}` : p.message,
          };
          return [diagnostic];
        });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    /**
     * Moves the cursor to `line` (and `column`), scrolls there and focuses the editor.
     * @param {number} line
     * @param {number | null} [column]
     */
    goTo(line, column) {
      const at = offsetOf(line, column);
      view.dispatch({ selection: EditorSelection.cursor(at), effects: EditorView.scrollIntoView(at, { y: 'center' }) });
      view.focus();
    },
    /** The line the cursor is on, from 1. */
    cursorLine: () => view.state.doc.lineAt(view.state.selection.main.head).number,
    /**
     * Colours the text as JSON, or not at all (Mermaid source).
     * @param {'json' | 'mermaid'} name
     */
    setLanguage(name) {
      view.dispatch({ effects: language.reconfigure(name === 'json' ? json() : []) });
    },
    focus: () => view.focus(),
  };
}

// Types of the decision-widget package: the <decision-widget> element that
// importing the package (embed.js) defines, its events and JavaScript API,
// and the flow file it shows (formats 1 and 2, as flow.schema.json
// describes them).
//
//   import 'decision-widget';
//   const widget = document.querySelector('decision-widget')!;
//   widget.addEventListener('decision-change', (event) => console.log(event.detail.outcome));

/** A theme: `auto` follows the reader's colour scheme. */
export type DecisionWidgetTheme = 'auto' | 'light' | 'dark';

/**
 * The reader's answers as the widget takes them: a share link or its code
 * (`dw1/…`), an object `{question id: choice id}` followed from the first
 * question (a yes/no question's choice ids are `"yes"` and `"no"`), or
 * null for none.
 */
export type DecisionAnswers = string | Record<string, string> | null;

/** The `detail` of `decision-ready` and `decision-change`: where the reader is. */
export interface DecisionState {
  /** The flow's id. */
  flow: string;
  /** The version of the flow's content. */
  flowVersion: number;
  /** The answers given, `{question id: choice id}`, in path order. */
  answers: Record<string, string>;
  /** The ids of the nodes walked, from the first question. */
  path: string[];
  /** The outcome reached, or null until one is. */
  outcome: string | null;
  /** A link that reopens this decision. */
  link: string;
}

/** The `detail` of `decision-error`: why the widget cannot show its flow. */
export interface DecisionError {
  /** The element's `flow` attribute as written, or null. */
  flow: string | null;
  /** What the widget shows. */
  message: string;
  /** Each problem, with its line, column and node where it has them. */
  details: string[];
}

/** The events of `<decision-widget>`; all bubble and are composed. */
export interface DecisionWidgetEventMap {
  /** Once the widget shows its flow (with the state it opened with). */
  'decision-ready': CustomEvent<DecisionState>;
  /** On every change of the reader's answers after that. */
  'decision-change': CustomEvent<DecisionState>;
  /** Instead of `decision-ready`, when the flow cannot be shown. */
  'decision-error': CustomEvent<DecisionError>;
}

/** The events of the element, with the ones every HTML element has. */
export interface DecisionWidgetElementEventMap extends HTMLElementEventMap, DecisionWidgetEventMap {}

/**
 * The `<decision-widget>` element. Its attributes are reflected by the
 * properties `flow`, `answers`, `theme`, `syncUrl` (and `lang`, which
 * every HTML element has).
 */
export class DecisionWidgetElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /**
   * The `flow` attribute: a built-in flow id or the URL of a flow file;
   * null (no attribute) for the inline flow in the element's
   * `<script type="application/json">`, else the built-in flow.
   */
  flow: string | null;
  /** The `answers` attribute: a share link or its code to open with. */
  answers: string | null;
  /** The `theme` attribute. */
  theme: DecisionWidgetTheme | null;
  /** The `sync-url` attribute: whether the page URL's fragment follows the answers. */
  syncUrl: boolean;
  /** The latest `decision-ready` or `decision-change` detail (a copy), or null. */
  readonly state: DecisionState | null;
  /** Why the widget shows an error instead of its flow, or null. */
  readonly error: DecisionError | null;
  /**
   * The page share links lead to, or null for this page's URL; only an
   * absolute http(s) URL is taken (anything else throws).
   */
  linkBase: string | null;
  /** Answers as an object for the next mount (`mountWidget` sets it). */
  initialAnswers: Record<string, string> | null;
  /**
   * Resolves with the state once the widget shows its flow; rejects with
   * an `Error` whose `details` lists the problems when it cannot.
   */
  whenReady(): Promise<DecisionState | null>;
  /**
   * Sets the reader's answers; resolves with the new state once it is on
   * screen, rejects (changing nothing) on answers not for this flow.
   */
  setAnswers(answers: DecisionAnswers): Promise<DecisionState | null>;
  /** Removes the element and releases the widget at once. */
  destroy(): void;
  connectedCallback(): void;
  disconnectedCallback(): void;
  attributeChangedCallback(name: string, before: string | null, after: string | null): void;

  addEventListener<K extends keyof DecisionWidgetElementEventMap>(
    type: K,
    listener: (this: DecisionWidgetElement, event: DecisionWidgetElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof DecisionWidgetElementEventMap>(
    type: K,
    listener: (this: DecisionWidgetElement, event: DecisionWidgetElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** What `mountWidget` takes besides the element to mount into. */
export interface MountWidgetOptions {
  /** A built-in flow id or the URL of a flow file. */
  flow?: string;
  /** The answers to open with. */
  answers?: DecisionAnswers;
  theme?: DecisionWidgetTheme;
  /** Keep the page URL's fragment in step with the answers. */
  syncUrl?: boolean;
  /** Called with `decision-ready`'s detail. */
  onReady?: (state: DecisionState | null) => void;
  /** Called with each `decision-change`'s detail. */
  onChange?: (state: DecisionState | null) => void;
  /** Called with `decision-error`'s detail. */
  onError?: (error: DecisionError | null) => void;
}

/** The controller `mountWidget` returns. */
export interface MountedWidget {
  /** The `<decision-widget>` appended to the target. */
  readonly element: DecisionWidgetElement;
  /** The state once the widget is on screen; rejects with the load error. */
  readonly ready: Promise<DecisionState | null>;
  /** The latest state (a copy), or null. */
  readonly state: DecisionState | null;
  /** Why the flow cannot be shown, or null. */
  readonly error: DecisionError | null;
  setAnswers(answers: DecisionAnswers): Promise<DecisionState | null>;
  /** Removes the widget and its listeners. */
  destroy(): void;
}

/**
 * Appends a `<decision-widget>` to `target`; throws a `TypeError` on
 * options it cannot take.
 */
export function mountWidget(target: Element, options?: MountWidgetOptions): MountedWidget;

/** An id of a flow, question, choice or outcome: 1 to 64 lowercase letters, digits and inner hyphens. */
export type FlowId = string;

/** A sentence, optionally tied to a section of the article. */
export interface FlowNote {
  text: string;
  /** The id of a heading on the article page, without `#`. */
  section?: string | null;
}

/** A choice of a format-2 question. */
export interface FlowChoice {
  id: FlowId;
  /** What the button and the chart's edge say. */
  label: string;
  /** The id of the question or outcome it leads to. */
  next: FlowId;
}

interface FlowQuestionBase {
  id: FlowId;
  /** Short text for the chart; the question's text when absent. */
  label?: string | null;
  /** The question as the reader sees it. */
  text: string;
  /** A hint below the question. */
  help?: string | null;
}

/** A yes/no question. */
export interface FlowYesNoQuestion extends FlowQuestionBase {
  /** Where “yes” leads. */
  yes: FlowId;
  /** Where “no” leads. */
  no: FlowId;
  choices?: never;
}

/** A question with 2 to 8 choices (format 2). */
export interface FlowChoiceQuestion extends FlowQuestionBase {
  choices: [FlowChoice, FlowChoice, ...FlowChoice[]];
  yes?: never;
  no?: never;
}

/** An outcome: a recommendation with its reasons. */
export interface FlowOutcome {
  id: FlowId;
  /** Short text for the chart; the title when absent. */
  label?: string | null;
  /** The recommendation's headline. */
  title: string;
  /** One sentence on what to do. */
  summary?: string | null;
  /** Why it fits. */
  reasons?: FlowNote[];
}

/** The widget's words an author may replace in a flow's `labels` (format 2). */
export type FlowLabelKey =
  | "yes"
  | "no"
  | "back"
  | "start-over"
  | "change"
  | "change-answer"
  | "progress"
  | "progress-last"
  | "answers-so-far"
  | "your-answers"
  | "dismiss"
  | "quote"
  | "list-comma"
  | "sentence-gap"
  | "list-or"
  | "label-colon"
  | "recommendation"
  | "announce-outcome"
  | "why"
  | "read-section"
  | "what-would-change-it"
  | "change-you-answered"
  | "change-same"
  | "change-outcome"
  | "change-question"
  | "in-practice"
  | "copy-link"
  | "share"
  | "shared"
  | "link-copied"
  | "link-copy-refused"
  | "link-field"
  | "export"
  | "format-markdown"
  | "format-json"
  | "format-text"
  | "format-svg"
  | "format-mermaid"
  | "hint-markdown"
  | "hint-json"
  | "hint-text"
  | "hint-svg"
  | "hint-mermaid"
  | "copy"
  | "download"
  | "copy-format"
  | "download-format"
  | "print"
  | "export-copied"
  | "export-copy-refused"
  | "export-downloaded"
  | "download-refused"
  | "export-failed"
  | "save-toggle"
  | "save"
  | "title-optional"
  | "note-optional"
  | "title"
  | "note"
  | "save-changes"
  | "cancel"
  | "saved-as"
  | "deleted"
  | "restored"
  | "renamed"
  | "undo"
  | "saved-count.zero"
  | "saved-count.one"
  | "saved-count.two"
  | "saved-count.few"
  | "saved-count.many"
  | "saved-count.other"
  | "open"
  | "rename"
  | "delete"
  | "open-item"
  | "rename-item"
  | "delete-item"
  | "saved-meta"
  | "no-recommendation"
  | "storage-blocked"
  | "storage-unreadable"
  | "storage-newer"
  | "storage-full"
  | "storage-refused"
  | "zoom-in"
  | "zoom-out"
  | "fit"
  | "show-chart"
  | "hide-chart"
  | "chart-caption"
  | "chart-help"
  | "chart-answered"
  | "text-chart"
  | "questions-in-order"
  | "recommendations"
  | "to-question"
  | "to-outcome"
  | "your-answer"
  | "link-truncated"
  | "link-newer-format"
  | "link-unknown-format"
  | "link-bad-escape"
  | "link-missing-flow"
  | "link-excerpt"
  | "link-bad-flow"
  | "link-missing-version"
  | "link-bad-version"
  | "link-unreadable"
  | "link-bad-question"
  | "link-missing-answer"
  | "link-not-yes-no"
  | "link-bad-answer"
  | "link-unknown-choice"
  | "link-duplicate"
  | "link-other-flow"
  | "link-older-version"
  | "link-newer-version"
  | "link-older-version-reset"
  | "link-newer-version-reset"
  | "link-unknown-question"
  | "link-off-path"
  | "link-reset"
  | "link-more.zero"
  | "link-more.one"
  | "link-more.two"
  | "link-more.few"
  | "link-more.many"
  | "link-more.other"
  | "error-title"
  | "error-no-builtin"
  | "error-problems"
  | "error-inline-problems"
  | "outline-title"
  | "outline-intro"
  | "outline-go-to"
  | "error-at"
  | "error-bad-url"
  | "error-url-scheme"
  | "error-fetch"
  | "error-status"
  | "error-interrupted"
  | "error-too-large"
  | "error-wasm"
  | "doc-decision"
  | "doc-in-progress"
  | "doc-date"
  | "doc-status-proposed"
  | "doc-status-in-progress"
  | "doc-progress.zero"
  | "doc-progress.one"
  | "doc-progress.two"
  | "doc-progress.few"
  | "doc-progress.many"
  | "doc-progress.other"
  | "doc-context"
  | "doc-flow-answered"
  | "doc-flow-unanswered"
  | "doc-decision-heading"
  | "doc-no-recommendation"
  | "doc-next-question"
  | "doc-consequences"
  | "doc-none-yet"
  | "doc-links"
  | "doc-reopen"
  | "doc-article"
  | "doc-read"
  | "doc-in-progress-line"
  | "svg-in-progress"
  | "svg-description"
  | "svg-step"
  | "svg-next-question";

interface FlowFileBase {
  /** The schema's URL, for editors; ignored by the widget. */
  $schema?: string;
  /** The flow's id, in share links and events. */
  id: FlowId;
  /** The version of the flow's content: a whole number from 1. */
  version: number;
  /** Shown above the widget. */
  title: string;
  /** One or two sentences before the first question. */
  intro?: string | null;
  /** The id of the first question (or outcome). */
  start: FlowId;
  /** Advice shown with every outcome. */
  practice?: FlowNote | null;
  /** The outcomes a path can end in (at least one). */
  outcomes?: [FlowOutcome, ...FlowOutcome[]];
}

/** A flow file in format 1: yes/no questions only. */
export interface FlowFileFormat1 extends FlowFileBase {
  format: 1;
  questions?: FlowYesNoQuestion[];
  lang?: never;
  labels?: never;
}

/** A flow file in format 2: questions with yes/no or with choices, a language, the author's words. */
export interface FlowFileFormat2 extends FlowFileBase {
  format: 2;
  questions?: (FlowYesNoQuestion | FlowChoiceQuestion)[];
  /** The language of the flow's texts, a BCP 47 tag. */
  lang?: string | null;
  /** The author's words for the widget's own, by key. */
  labels?: Partial<Record<FlowLabelKey, string>>;
}

/**
 * A flow file (flow.schema.json): what the `flow` attribute's URL serves,
 * or an inline `<script type="application/json">` in the element holds.
 * The schema and `decision-widget check` check what types cannot (id
 * patterns, that every id a flow names exists, that paths end).
 */
export type FlowFile = FlowFileFormat1 | FlowFileFormat2;

declare global {
  interface HTMLElementTagNameMap {
    'decision-widget': DecisionWidgetElement;
  }
  // The events bubble and are composed: they reach any ancestor, the
  // document and the window.
  interface HTMLElementEventMap extends DecisionWidgetEventMap {}
  interface DocumentEventMap extends DecisionWidgetEventMap {}
  interface WindowEventMap extends DecisionWidgetEventMap {}
}

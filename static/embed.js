// decision-widget: defines the <decision-widget> element and the small JS
// API for host pages (`mountWidget`).
//
// Load it as a module script; it fetches nothing until the first element
// appears, then loads the WebAssembly once for every widget on the page,
// and the reader's language file (lang/<lang>.json) when it is not English.
// Each widget renders into its own shadow root, styled by isolation.css and
// widget.css through <link>s, so it needs no inline style and works under
// a strict Content Security Policy (only 'wasm-unsafe-eval' beyond the
// widget's own origin) with Trusted Types enforced.
//
//   import { mountWidget } from 'https://your.site/decision-widget/embed.js';
//   const widget = mountWidget(document.querySelector('#here'), { flow: 'rag-vs-fine-tuning' });
//   const state = await widget.ready;          // the first decision-change detail
//   await widget.setAnswers({ 'data-freshness': 'no' });
//   widget.state;                              // the latest detail
//   widget.destroy();

/** @typedef {import('./decision_widget.js')} WidgetModule the widget's wasm module (both builds) */
/** @typedef {import('./decision_widget.js').WidgetHandle} WidgetHandle a mounted widget */
/** @typedef {import('./tools.js')} ToolsModule the engine's tools */
/** @typedef {{ lang: string, words: Record<string, unknown> }} Table a language file */
/** @typedef {{ key: string, url?: string, status?: string, name?: string }} FlowFailure why a flow file cannot be had */
/** @typedef {{ id?: string, url?: string, error?: FlowFailure }} FlowSource what a `flow` attribute names */
/** @typedef {{ text: string, error?: undefined } | { error: FlowFailure, text?: undefined }} FlowFile a fetched flow file */
/** @typedef {{ flow: string | null, message: string, details: string[] }} WidgetError a `decision-error` detail */
/** @typedef {{ answers: Record<string, string>, [key: string]: unknown }} WidgetState a `decision-change` detail */

// Every file is named as `new URL('./file', import.meta.url)`, relative to
// this module, in that literal form: so the package works as it is under
// any path on any origin (a CDN's), and a bundler that understands the form
// (Vite, webpack) copies the files along with this module.
const STYLESHEETS = [new URL('./isolation.css', import.meta.url).href, new URL('./widget.css', import.meta.url).href];
/** The `source` of a flow written in the page (`INLINE_FLOW` in the wasm). */
const INLINE = 'inline';
/** The flow an element without a `flow` attribute shows. */
const BUILTIN_FLOW = 'rag-vs-fine-tuning';
/** A built-in flow id; anything else with `/`, `.` or `:` is a flow file URL. */
const FLOW_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const THEMES = new Set(['auto', 'light', 'dark']);
/** Flow files larger than this are refused rather than parsed. */
const MAX_FLOW_CHARS = 1_000_000;
/**
 * The languages the widget speaks (engine::words::LANGUAGES): English is
 * built into the wasm, each other one is `lang/<code>.json` next to this
 * file, fetched only for a widget that speaks it.
 */
const LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'ja', 'ar'];

/**
 * The language the widget speaks for the BCP 47 tag `tag`: the whole tag
 * when it is one of LANGUAGES, else its language part (`pt-BR` → `pt`);
 * null for a language it does not speak.
 */
/**
 * @param {string | null | undefined} tag
 * @returns {string | null}
 */
function languageFor(tag) {
  const wanted = String(tag ?? '').trim().toLowerCase().replaceAll('_', '-');
  if (!wanted) return null;
  if (LANGUAGES.includes(wanted)) return wanted;
  const language = wanted.split('-')[0];
  return LANGUAGES.includes(language) ? language : null;
}

// Language files by language, shared by every widget on the page; a failed
// load is forgotten, so the next widget tries again.
/** @type {Map<string, Promise<Table | null>>} */
const tables = new Map();

/**
 * The language file of `code` (`{ lang, words }`, read with JSON.parse; the
 * wasm reads `words` into its own type), or null for English and for a file
 * that cannot be loaded (the widget then speaks English).
 */
/**
 * @param {string} code
 * @returns {Promise<Table | null>}
 */
function loadTable(code) {
  if (!code || code === 'en') return Promise.resolve(null);
  let pending = tables.get(code);
  if (!pending) {
    pending = fetch(new URL(`./lang/${code}.json`, import.meta.url).href, { credentials: 'same-origin' })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
      .catch((error) => {
        console.warn(`decision-widget: the language file for “${code}” could not be loaded; showing English:`, error?.message ?? error);
        tables.delete(code);
        return null;
      });
    tables.set(code, pending);
  }
  return pending;
}

/**
 * A sentence of the widget's own, in the language of `table` (a language
 * file, or null for English): `english` is the built-in English of word
 * `key` (tests/words.rs keeps the two in step), `args` fill its
 * `{placeholders}`. For what the page says before or without the wasm.
 */
/**
 * @param {Table | null} table
 * @param {string} key
 * @param {string} english
 * @param {Record<string, string | number>} [args]
 * @returns {string}
 */
function say(table, key, english, args = {}) {
  const text = table?.words?.[key];
  return (typeof text === 'string' ? text : english).replace(/\{([a-z]+)\}/g, (/** @type {string} */ whole, /** @type {string} */ name) => (name in args ? String(args[name]) : whole));
}

/**
 * The widget's wasm, loaded once for every widget on the page. There are
 * two builds: `decision_widget` draws the widget, and
 * `decision_widget_hydrate` can also take over markup prerendered into
 * the page (at the cost of Yew's hydration code). The first widget to start
 * chooses; a page built with prerendered markup gets the second.
 */
/** @type {Promise<WidgetModule> | null} */
let wasm = null;

/**
 * @param {boolean} hydrating
 * @returns {Promise<WidgetModule>}
 */
function loadWasm(hydrating) {
  if (!wasm) {
    const [glue, binary] = hydrating
      ? [new URL('./decision_widget_hydrate.js', import.meta.url), new URL('./decision_widget_hydrate_bg.wasm', import.meta.url)]
      : [new URL('./decision_widget.js', import.meta.url), new URL('./decision_widget_bg.wasm', import.meta.url)];
    wasm = import(glue.href).then(async (module) => {
      await module.default({ module_or_path: binary });
      return module;
    });
  }
  return wasm;
}

/**
 * The engine's tools (tools.js and its wasm: checking, exports), loaded
 * only when a widget needs them: a reader asks for an export, or a flow
 * file is broken. A reader who only walks a flow never downloads them. A
 * failed load is forgotten, so the next need tries again.
 */
/** @type {Promise<ToolsModule> | null} */
let tools = null;

/** @returns {Promise<ToolsModule>} */
function loadTools() {
  tools ??= import(new URL('./tools.js', import.meta.url).href)
    .then(async (module) => {
      await module.default({ module_or_path: new URL('./tools_bg.wasm', import.meta.url) });
      return module;
    })
    .catch((error) => {
      tools = null;
      throw error;
    });
  return tools;
}

/**
 * The function a widget asks to explain a flow file it cannot show:
 * `(text)` resolves with each problem, its line, column and node, from the
 * engine's own checking, in the language of `table()` (the widget's
 * language file, or null for English). When the tools cannot load it
 * rejects, and the widget's own shorter account stands.
 */
/**
 * @param {() => Table | null} table
 * @returns {(text: string) => Promise<string[]>}
 */
function explainer(table) {
  return async (text) => (await loadTools()).explainFlow(text, table() ?? null);
}

/**
 * The function a widget asks for its exports: `(format, code, options)`
 * resolves with the export of the flow file `text`, its own words in the
 * language of `table()` (the widget's language file, or null for English);
 * with no arguments it only loads the tools, ahead of the reader's click.
 */
/**
 * @param {string} text
 * @param {() => Table | null} table
 * @returns {(format?: string, code?: string, options?: Record<string, unknown>) => Promise<string | null>}
 */
function exporter(text, table) {
  return async (format, code, options) => {
    const module = await loadTools();
    return format == null ? null : module.exportDecision(text, code ?? '', format, { ...options, words: table() ?? undefined });
  };
}

/**
 * @param {ShadowRoot} shadow
 * @returns {Promise<unknown>}
 */
function loadStylesheets(shadow) {
  return Promise.all(
    STYLESHEETS.map((href) => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      const loaded = new Promise((resolve) => {
        link.addEventListener('load', resolve, { once: true });
        link.addEventListener('error', resolve, { once: true });
      });
      shadow.append(link);
      return loaded;
    }),
  );
}

/**
 * Prerendered markup shows its buttons before the widget has taken it
 * over, when they do nothing yet. The first one the reader presses (a
 * click, or Enter or Space on it, which click a button) is remembered,
 * the markup says it is busy, and the button is pressed again once the
 * widget is ready, if it still asks the same question: the answer is not
 * lost, and it is given once. The returned controller stops it.
 * @param {HTMLElement} host
 * @param {Element} root
 */
function rememberFirstPress(host, root) {
  const stop = new AbortController();
  const { signal } = stop;
  // Markup the widget could not take over is drawn anew: look in the
  // shadow root, not only in this markup.
  const scope = () => host.shadowRoot ?? root;
  const question = () => scope().querySelector('.dw-question-text')?.textContent;
  const buttons = () => [...scope().querySelectorAll('button')];
  /** @type {[number, string | null | undefined] | null} which button, on which question */
  let pressed = null;
  root.addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element && event.target.closest('button');
      if (!pressed && button) {
        pressed = [buttons().indexOf(button), question()];
        root.setAttribute('aria-busy', 'true');
      }
    },
    { capture: true, signal },
  );
  const done = () => {
    stop.abort();
    root.removeAttribute('aria-busy');
  };
  host.addEventListener(
    'decision-ready',
    () => {
      done();
      const first = pressed;
      // After the widget's own work for this event.
      if (first) queueMicrotask(() => question() === first[1] && buttons()[first[0]]?.click());
    },
    { signal },
  );
  host.addEventListener('decision-error', done, { signal });
  return stop;
}

/**
 * What the `flow` attribute names: `{ id }` for a built-in flow (or an
 * empty attribute), `{ url }` for a flow file, `{ error }` for a URL that
 * cannot be fetched.
 */
/**
 * @param {string | null} attribute
 * @returns {FlowSource}
 */
function flowSource(attribute) {
  const value = (attribute ?? '').trim();
  if (value === '' || FLOW_ID.test(value) || !/[/.:]/.test(value)) {
    const id = value || BUILTIN_FLOW;
    // The built-in flow is a file beside this script, fetched while the
    // wasm loads (the wasm carries no second copy of it).
    if (id !== BUILTIN_FLOW) return { error: { key: 'no-builtin', name: id.slice(0, 80) } };
    return { id, url: new URL('./flows/rag-vs-fine-tuning.json', import.meta.url).href };
  }
  let url;
  try {
    url = new URL(value, document.baseURI);
  } catch {
    return { error: { key: 'bad-url', url: value.slice(0, 200) } };
  }
  // A `blob:` URL is a flow the page made itself, such as the flow
  // editor's draft; a page can only read its own.
  if (!/^(https?|blob):$/.test(url.protocol)) {
    return { error: { key: 'url-scheme', url: value.slice(0, 200) } };
  }
  return { url: url.href };
}

/**
 * The language a flow file's text declares (its `lang`), or null: the
 * widget speaks it when its element names none. (The wasm reads and checks
 * the whole file; this only looks for the one field first.)
 */
/**
 * @param {string} text
 * @returns {string | null}
 */
function flowLanguage(text) {
  try {
    const lang = JSON.parse(text)?.lang;
    return typeof lang === 'string' ? lang : null;
  } catch {
    return null;
  }
}

/** What went wrong with a flow file, in the language of `table`. */
/**
 * @param {Table | null} table
 * @param {FlowFailure} failure
 * @returns {string}
 */
function flowError(table, { key, url = '', status = '', name = '' }) {
  switch (key) {
    case 'no-builtin':
      return say(
        table,
        "error-no-builtin",
        "There is no built-in flow named “{name}”. The built-in flow is “{builtin}”.",
        { name, builtin: BUILTIN_FLOW },
      );
    case 'bad-url':
      return say(table, "error-bad-url", "The flow file “{url}” is not a valid URL.", { url });
    case 'url-scheme':
      return say(table, "error-url-scheme", "The flow file “{url}” must be an http or https URL.", { url });
    case 'fetch':
      return say(
        table,
        "error-fetch",
        "The flow file {url} could not be loaded: the request failed. The server may be unreachable, the page's Content Security Policy (connect-src) may not allow it, or the file is on another site that does not send Access-Control-Allow-Origin.",
        { url },
      );
    case 'status':
      return say(table, "error-status", "The flow file {url} could not be loaded: the server answered {status}.", { url, status });
    case 'interrupted':
      return say(table, "error-interrupted", "The flow file {url} could not be loaded: the download was interrupted.", { url });
    default:
      return say(table, "error-too-large", "The flow file {url} could not be loaded: it is larger than a flow file can be (1 MB).", { url });
  }
}

// Flow files by URL, shared by every widget on the page; failures are not
// kept, so the next widget (or a reload of the attribute) tries again.
/** @type {Map<string, Promise<FlowFile>>} */
const flowFiles = new Map();

/**
 * @param {string} url
 * @returns {Promise<FlowFile>}
 */
function fetchFlow(url) {
  // Each draft gets a new blob URL that is read once: keeping them would
  // only hold every draft in memory.
  if (url.startsWith('blob:')) return readFlow(url);
  let pending = flowFiles.get(url);
  if (!pending) {
    pending = readFlow(url);
    flowFiles.set(url, pending);
    pending.then((got) => got.error && flowFiles.delete(url));
  }
  return pending;
}

/**
 * @param {string} url
 * @returns {Promise<FlowFile>}
 */
async function readFlow(url) {
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  } catch {
    return { error: { key: 'fetch', url } };
  }
  if (!response.ok) {
    return { error: { key: 'status', url, status: `${response.status} ${response.statusText}`.trim() } };
  }
  let text;
  try {
    text = await response.text();
  } catch {
    return { error: { key: 'interrupted', url } };
  }
  if (text.length > MAX_FLOW_CHARS) return { error: { key: 'too-large', url } };
  return { text };
}

/** `value` as a page share links may lead to: an http(s) URL without its fragment, or null. */
/**
 * @param {unknown} value
 * @returns {string | null}
 */
function linkBaseOf(value) {
  let url;
  try {
    url = new URL(String(value));
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return null;
  url.hash = '';
  return url.href;
}

/**
 * Sets the attribute `name` of `element` to `value`, or removes it for null.
 * @param {Element} element
 * @param {string} name
 * @param {unknown} value
 */
function reflect(element, name, value) {
  if (value == null) element.removeAttribute(name);
  else element.setAttribute(name, String(value));
}

/** A copy of an event detail, so no host code can change what we keep. */
const copy = /** @type {<T>(detail: T | null | undefined) => T | null} */ (
  (detail) => (detail == null ? null : structuredClone(detail))
);

/**
 * The `<decision-widget>` element. Attributes: `flow`, `answers`, `theme`,
 * `lang`, `sync-url`, reflected by the properties `flow`, `answers`,
 * `theme`, `lang` and `syncUrl`. Without a `flow` attribute it shows the
 * flow in its `<script type="application/json">` child, if it has one.
 * Besides its events, it offers `state`, `error`, `whenReady()` and
 * `setAnswers()` (see the book, docs/src/embedding/script.md; the
 * package's types are npm/index.d.ts).
 */
// On a server (a framework's server-side render imports this module in
// Node), there is no HTMLElement: the module then loads, defining nothing,
// instead of throwing.
const Element_ = /** @type {typeof HTMLElement} */ (globalThis.HTMLElement ?? Object);

export class DecisionWidgetElement extends Element_ {
  static observedAttributes = ['flow', 'answers', 'lang'];
  /** @type {WidgetHandle | null} */
  #handle = null;
  /** @type {Element | null} */
  #root = null;
  /**
   * Remembers a press on prerendered markup until the widget is ready
   * (see `rememberFirstPress`).
   * @type {AbortController | null}
   */
  #early = null;
  /** @type {Promise<unknown> | null} */
  #styled = null;
  #active = false;
  #generation = 0;
  /** @type {WidgetState | null} */
  #state = null;
  /** @type {WidgetError | null} */
  #error = null;
  /** @type {{ resolve: (state: WidgetState | null) => void, reject: (error: Error) => void }[]} */
  #waiters = [];
  /**
   * Who waits for the next decision-change (see `setAnswers`).
   * @type {Set<() => void>}
   */
  #changeWaiters = new Set();
  /** @type {string | null} */
  #linkBase = null;
  /**
   * The language file the widget speaks (`{ lang, words }`), or null for English.
   * @type {Table | null}
   */
  #table = null;
  /**
   * The language of the flow, as its file says, once the flow is loaded.
   * @type {string | null}
   */
  #flowLang = null;
  /**
   * Answers passed to `mountWidget` as an object, used at the next mount.
   * @type {Record<string, string> | null}
   */
  initialAnswers = null;
  /**
   * The text of the inline flow the widget shows, or null when it shows
   * another (see `#inline`).
   * @type {string | null}
   */
  #inlineText = null;
  /**
   * Watches the element's children while it is on the page: a change to its
   * inline flow shows the new flow, as a change of the `flow` attribute does.
   * @type {MutationObserver | null}
   */
  #observer = null;

  constructor() {
    super();
    // The element keeps the latest detail so hosts can read the state
    // without listening from the start.
    /** @param {Event} event */
    const remember = (event) => {
      if (event.target !== this) return;
      this.#state = copy(/** @type {CustomEvent<WidgetState>} */ (event).detail);
      if (event.type === 'decision-ready') this.#settle();
      else this.#releaseChangeWaiters();
    };
    this.addEventListener('decision-ready', remember);
    this.addEventListener('decision-change', remember);
    // The widget says why it cannot show its flow (see #fail for a wasm
    // that did not load).
    this.addEventListener('decision-error', (event) => {
      if (event.target !== this) return;
      this.#error = copy(/** @type {CustomEvent<WidgetError>} */ (event).detail);
      this.#settle();
    });
  }

  /** The `flow` attribute. */
  get flow() {
    return this.getAttribute('flow');
  }

  set flow(value) {
    reflect(this, 'flow', value);
  }

  /** The `answers` attribute. */
  get answers() {
    return this.getAttribute('answers');
  }

  set answers(value) {
    reflect(this, 'answers', value);
  }

  /** The `theme` attribute. */
  get theme() {
    return this.getAttribute('theme');
  }

  set theme(value) {
    reflect(this, 'theme', value);
  }

  /** Whether the `sync-url` attribute is present. */
  get syncUrl() {
    return this.hasAttribute('sync-url');
  }

  set syncUrl(value) {
    this.toggleAttribute('sync-url', Boolean(value));
  }

  /**
   * The text of the flow written inside the element, in a `<script
   * type="application/json">` child, or null when there is none or a
   * `flow` attribute names another flow (the attribute wins).
   * @returns {string | null}
   */
  #inline() {
    const script = this.hasAttribute('flow') ? null : this.querySelector(':scope > script[type="application/json" i]');
    return script ? (script.textContent ?? '') : null;
  }

  /** The latest `decision-change` detail, or null before the widget is ready. */
  get state() {
    return copy(this.#state);
  }

  /** Why the widget shows an error instead of its flow, or null. */
  get error() {
    return this.#error ? { ...this.#error, details: [...this.#error.details] } : null;
  }

  /**
   * The page share links lead to, or null for this page's URL: the iframe
   * page sets it to the article that embeds it. Only an absolute http(s)
   * URL is taken (without its fragment); anything else throws.
   */
  get linkBase() {
    return this.#linkBase;
  }

  set linkBase(value) {
    const base = value == null ? null : linkBaseOf(value);
    if (value != null && !base) throw new TypeError('decision-widget: linkBase must be an http or https URL');
    this.#linkBase = base;
    // A mounted widget updates its links; a widget still loading gets it at mount.
    this.#handle?.setLinkBase(base);
  }

  /**
   * Resolves with the state once the widget shows its flow; rejects with
   * the error when it cannot (a missing or invalid flow file).
   */
  whenReady() {
    return new Promise((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
      this.#settle();
    });
  }

  /**
   * Sets the reader's answers: a share link or its code, an object
   * `{question id: "yes" | "no"}` (followed from the first question), or
   * null for none. Resolves with the new state once the widget shows it;
   * rejects, changing nothing, when the answers are not for this flow.
   */
  /**
   * @param {string | Record<string, string> | null} answers
   * @returns {Promise<WidgetState | null>}
   */
  async setAnswers(answers) {
    await this.whenReady();
    const handle = this.#handle;
    const removed = () => new Error('decision-widget: the widget was removed');
    if (!handle) throw removed();
    // Listen before applying: the widget's decision-change for these
    // answers is sent once they are on screen.
    const changed = this.#nextChange();
    const next = handle.setAnswers(answers ?? null, this.#state?.answers ?? null);
    if (next) await changed.promise;
    else this.#changeWaiters.delete(changed.resolve);
    return this.state;
  }

  /**
   * A promise of the widget's next decision-change, which also settles
   * when the widget goes away (it then sends nothing more), with its
   * `resolve`, kept so it can be dropped unused.
   * @returns {{ promise: Promise<void>, resolve: () => void }}
   */
  #nextChange() {
    /** @type {() => void} */
    let resolve = () => {};
    const promise = new Promise((/** @type {(value: void) => void} */ done) => (resolve = done));
    this.#changeWaiters.add(resolve);
    return { promise, resolve };
  }

  /**
   * The language the widget speaks: its own `lang`, else its flow's (once
   * known), else the page's; English for a language it does not speak.
   */
  #language() {
    const declared = this.getAttribute('lang')?.trim() || this.#flowLang || document.documentElement.lang;
    return languageFor(declared) ?? 'en';
  }

  /** Speaks the language `#language()` now gives, keeping the reader's answers. */
  async #relang() {
    const generation = this.#generation;
    const code = this.#language();
    const table = await loadTable(code);
    if (generation !== this.#generation || !this.#handle) return;
    this.#table = table;
    try {
      this.#handle.setWords(table?.lang ?? null, table?.words ?? null);
    } catch (error) {
      console.warn('decision-widget: the language file could not be read; showing English:', /** @type {Error} */ (error)?.message ?? error);
    }
  }

  /**
   * @param {string} name
   * @param {string | null} before
   * @param {string | null} after
   */
  attributeChangedCallback(name, before, after) {
    if (!this.#active || before === after) return;
    if (name === 'lang') {
      this.#relang();
    } else if (name === 'flow') {
      // A new flow is a new widget.
      this.#stop();
      this.#start();
    } else if (this.#handle) {
      this.setAnswers(after ?? null).catch((error) =>
        console.warn('decision-widget: the answers attribute was not applied:', error.message ?? error),
      );
    }
  }

  /** Removes the element and releases the widget at once. */
  destroy() {
    this.remove();
    this.#stop();
  }

  connectedCallback() {
    // Still mounted when the element was only moved within the page.
    if (!this.#active) this.#start();
  }

  disconnectedCallback() {
    if (!this.#active) return;
    // Moving the element (removed and inserted in one task) keeps the
    // widget; removing it for good releases everything it holds.
    queueMicrotask(() => {
      if (!this.isConnected) this.#stop();
    });
  }

  #releaseChangeWaiters() {
    const waiters = [...this.#changeWaiters];
    this.#changeWaiters.clear();
    for (const resolve of waiters) resolve();
  }

  #settle() {
    const state = this.#state;
    const error = this.#error;
    if (!state && !error) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const { resolve, reject } of waiters) {
      if (state) resolve(copy(state));
      else if (error) reject(Object.assign(new Error(error.message), { details: [...error.details] }));
    }
  }

  #start() {
    this.#active = true;
    const generation = ++this.#generation;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    // A page built with the widget in it (a declarative shadow root, written
    // by `decision-widget prerender`) shows the start of the flow already.
    // Markup of the flow named here is kept, and the build that can take it
    // over is loaded; the wasm then checks the markup is of its own sources,
    // this file and this language before it does (else it draws anew).
    const prerendered = /** @type {HTMLElement | undefined} */ (
      [...shadow.children].find((child) => child.matches('.dw-root[data-prerendered]'))
    );
    const attribute = this.getAttribute('flow');
    const inline = (this.#inlineText = this.#inline());
    const { id } = flowSource(attribute);
    const hydrate = prerendered?.dataset.prerendered === (inline != null ? INLINE : (id ?? attribute?.trim()));
    if (!hydrate) prerendered?.remove();
    // Prerendered stylesheets are in place and applied already.
    this.#styled ??= prerendered ? Promise.resolve() : loadStylesheets(shadow);
    let root = hydrate ? prerendered : undefined;
    if (!root) {
      root = document.createElement('div');
      root.className = 'dw-root';
      shadow.append(root);
    }
    this.#root = root;
    if (hydrate) this.#early = rememberFirstPress(this, root);
    this.#observer ??= new MutationObserver(() => {
      if (this.#active && this.#inline() !== this.#inlineText) {
        this.#stop();
        this.#start();
      }
    });
    this.#observer.observe(this, { childList: true, subtree: true, characterData: true });
    this.#load(generation, root, hydrate, inline);
  }

  #stop() {
    this.#active = false;
    this.#observer?.disconnect();
    this.#generation++;
    this.#handle?.destroy();
    this.#handle?.free();
    this.#handle = null;
    this.#early?.abort();
    this.#early = null;
    this.#root?.remove();
    this.#root = null;
    this.#state = null;
    this.#error = null;
    this.#flowLang = null;
    this.#releaseChangeWaiters();
  }

  /**
   * @param {number} generation
   * @param {HTMLElement} root
   * @param {boolean} prerendered
   * @param {string | null} inline the inline flow's text, when it is shown
   */
  async #load(generation, root, prerendered, inline) {
    const attribute = this.getAttribute('flow');
    // A flow written in the page is there already; any other is named by
    // the attribute.
    /** @type {FlowSource} */
    const source = inline == null ? flowSource(attribute) : { id: INLINE };
    // The language file starts loading with the wasm, for the language the
    // element or the page names; a flow that names its own is known once
    // it is read.
    const early = loadTable(this.#language());
    // The flow file, too, while the wasm loads.
    const fetching = source.url ? fetchFlow(source.url) : null;
    let widget;
    try {
      [widget] = await Promise.all([loadWasm(prerendered), this.#styled]);
    } catch (error) {
      if (generation !== this.#generation) return;
      const message = say(await early, "error-wasm", "The decision widget could not start: its WebAssembly did not load.");
      // Prerendered markup still shows the flow and its text version; the
      // message goes above it.
      const alert = (prerendered && root.insertAdjacentElement('afterbegin', document.createElement('p'))) || root;
      alert.textContent = message;
      alert.setAttribute('role', 'alert');
      this.#fail(attribute, message, []);
      console.error('decision-widget:', error);
      return;
    }
    const file = inline == null ? await fetching : { text: inline };
    // Removed, or given another flow, while loading: that call owns it now.
    if (generation !== this.#generation) return;
    if (file?.text != null) this.#flowLang = flowLanguage(file.text);
    const code = this.#language();
    const table = await loadTable(code);
    if (generation !== this.#generation) return;
    this.#table = table;
    const words = () => this.#table;
    const failure = source.error ?? file?.error;
    // The wasm decides the rest: whether prerendered markup can be taken
    // over or is drawn anew, the answers to open with, and what to say
    // (with `decision-error`) about a flow it cannot show.
    this.#handle = widget.mount(this, root, {
      flow: attribute,
      source: source.id ?? source.url ?? '',
      text: file?.text ?? null,
      error: failure ? flowError(table, failure) : null,
      answers: this.initialAnswers ?? this.getAttribute('answers'),
      syncUrl: this.hasAttribute('sync-url'),
      linkBase: this.#linkBase,
      exporter: file?.text != null ? exporter(file.text, words) : null,
      explainer: explainer(words),
      lang: table?.lang ?? null,
      words: table?.words ?? null,
    });
    this.#root = this.#handle.root;
    if (table && this.#handle.lang !== code) {
      console.warn(`decision-widget: the language file for “${code}” could not be read; showing English.`);
      this.#table = null;
    }
  }

  /**
   * @param {string | null} flow
   * @param {string} message
   * @param {string[]} details
   */
  #fail(flow, message, details) {
    this.#error = { flow: flow ?? null, message, details };
    this.dispatchEvent(
      new CustomEvent('decision-error', { bubbles: true, composed: true, detail: this.error }),
    );
    this.#settle();
  }
}

if (globalThis.customElements && !customElements.get('decision-widget')) {
  customElements.define('decision-widget', DecisionWidgetElement);
}

/**
 * Mounts a widget at the end of `target` and returns a small controller:
 *
 *   { element, ready, state, error, setAnswers(answers), destroy() }
 *
 * Options: `flow` (a built-in flow id or a flow file URL), `answers` (a
 * share link or code, or `{question id: "yes" | "no"}`), `theme`
 * (`auto` | `light` | `dark`), `syncUrl` (keep the page URL in step),
 * `onReady(state)`, `onChange(state)`, `onError(error)`.
 */
/**
 * @typedef {object} MountWidgetOptions
 * @property {string} [flow]
 * @property {string | Record<string, string> | null} [answers]
 * @property {'auto' | 'light' | 'dark'} [theme]
 * @property {boolean} [syncUrl]
 * @property {(state: WidgetState | null) => void} [onReady]
 * @property {(state: WidgetState | null) => void} [onChange]
 * @property {(error: WidgetError | null) => void} [onError]
 */

/**
 * @param {Element} target
 * @param {MountWidgetOptions} [options]
 */
export function mountWidget(target, options = {}) {
  if (!(target instanceof Element)) throw new TypeError('mountWidget: the first argument must be an element');
  const { flow, answers, theme, syncUrl = false, onReady, onChange, onError } = options ?? {};
  if (theme != null && !THEMES.has(theme)) {
    throw new TypeError(`mountWidget: theme must be "auto", "light" or "dark", not ${JSON.stringify(theme)}`);
  }
  for (const [name, fn] of Object.entries({ onReady, onChange, onError })) {
    if (fn != null && typeof fn !== 'function') throw new TypeError(`mountWidget: ${name} must be a function`);
  }
  const element = /** @type {DecisionWidgetElement} */ (document.createElement('decision-widget'));
  if (flow != null) element.setAttribute('flow', String(flow));
  if (typeof answers === 'string') element.setAttribute('answers', answers);
  else if (answers != null && typeof answers === 'object') element.initialAnswers = { ...answers };
  else if (answers != null) throw new TypeError('mountWidget: answers must be a link, an object or null');
  if (theme != null) element.setAttribute('theme', theme);
  if (syncUrl) element.setAttribute('sync-url', '');

  /** @type {[string, ((detail: any) => void) | undefined][]} */
  const wanted = [
    ['decision-ready', onReady],
    ['decision-change', onChange],
    ['decision-error', onError],
  ];
  /** @type {[string, (event: Event) => void][]} */
  const listeners = [];
  for (const [type, fn] of wanted) {
    if (!fn) continue;
    /** @param {Event} event */
    const listener = (event) => {
      if (event.target === element) fn(copy(/** @type {CustomEvent} */ (event).detail));
    };
    element.addEventListener(type, listener);
    listeners.push([type, listener]);
  }
  target.append(element);

  return {
    element,
    /** Resolves with the state once the widget is on screen. */
    get ready() {
      return element.whenReady();
    },
    /** The latest `decision-change` detail, or null. */
    get state() {
      return element.state;
    },
    /** Why the widget shows an error instead of its flow, or null. */
    get error() {
      return element.error;
    },
    /** @param {string | Record<string, string> | null} value */
    setAnswers: (value) => element.setAnswers(value),
    /** Removes the widget and everything it holds. */
    destroy() {
      for (const [type, listener] of listeners) element.removeEventListener(type, listener);
      element.destroy();
    },
  };
}

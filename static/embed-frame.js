// The iframe page's script (embed.html): shows one widget, configured by
// the page's query string, and tells the parent page about it through the
// postMessage protocol in DESIGN.md and the book (docs/src/embedding/iframe.md):
//
//   → parent  { type: "decision-widget:height", height }            on every size change
//   → parent  { type: "decision-widget:change", event, detail }     on decision-ready / -change
//   ← parent  { type: "decision-widget:hello", page? }              asks for both again
//   ← parent  { type: "decision-widget:page", page }                the host page: share links lead there
//   ← parent  { type: "decision-widget:answers", answers }          opens a decision (a share-link code)
//
// It speaks WordPress's embed protocol too (wp-includes/js/wp-embed.js),
// so a WordPress page sizes the frame with no script of ours: when the URL
// carries the `#?secret=…` WordPress appends to oEmbed iframes, it posts
//
//   → parent  { message: "height", value, secret }
//
// on every size change and when WordPress's `{ message: "ready", secret }`
// asks. WordPress holds such a frame between 200 and 1000 px tall, so a
// taller widget scrolls inside it. Once a host script greets the frame
// (hello or page), that script sizes it and the WordPress messages stop.
//
// Query: flow (a built-in id, or a flow file on this site), answers (a
// share-link code), theme (auto | light | dark), lang (the widget's
// language, a BCP 47 tag such as `de` or `pt-BR`; without it, the flow's
// or English), page (the http(s) URL of the article embedding the frame:
// share links lead there when no host script names its page). Anything
// else, and any value that does not fit, is ignored.

import './embed.js';

/** @typedef {import('./embed.js').DecisionWidgetElement} DecisionWidgetElement */

const HEIGHT = 'decision-widget:height';
const CHANGE = 'decision-widget:change';
const HELLO = 'decision-widget:hello';
const PAGE = 'decision-widget:page';
const ANSWERS = 'decision-widget:answers';
const FLOW_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A BCP 47 language tag: a language of 2 or 3 letters, then subtags. */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}$/;
/** The `#?secret=…` WordPress appends to an oEmbed iframe's URL. */
const WORDPRESS_SECRET = /^#\?secret=([A-Za-z0-9]{1,64})$/;
/** Longest page URL and answers code accepted. */
const MAX_URL = 2000;
const MAX_ANSWERS = 500;

const params = new URLSearchParams(location.search);
const here = new URL(location.href);

/**
 * A flow the query names: a built-in id, or a .json file on this site.
 * @param {string | null} value
 */
function flowParam(value) {
  if (!value) return null;
  if (FLOW_ID.test(value)) return value;
  try {
    const url = new URL(value, here);
    // The origin of the URL, not of the document: a sandboxed frame's own
    // origin is opaque.
    if (url.origin === here.origin && url.pathname.endsWith('.json')) return url.href;
  } catch {
    // Not a URL: ignored.
  }
  return null;
}

/**
 * An article page for share links to lead to: an absolute http(s) URL
 * without credentials, returned without its fragment; null for anything
 * else (a `javascript:` or `data:` URL, a relative or over-long one).
 * With `origin`, the URL must also be on that origin.
 * @param {unknown} value
 * @param {string | null} [origin]
 */
function articleUrl(value, origin = null) {
  if (typeof value !== 'string' || value.length > MAX_URL) return null;
  let url;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  if (origin !== null && url.origin !== origin) return null;
  url.hash = '';
  return url.href;
}

// The page holds the widget prerendered at the start of the built-in flow;
// another flow replaces it. A page without it (an older copy) gets one.
const widget = /** @type {DecisionWidgetElement} */ (
  document.querySelector('main decision-widget') ?? document.createElement('decision-widget')
);
// Into the page's main landmark, so the page reads as one when opened alone.
if (!widget.isConnected) (document.querySelector('main') ?? document.body).append(widget);
const flow = flowParam(params.get('flow'));
if (flow && flow !== widget.getAttribute('flow')) widget.setAttribute('flow', flow);
const answers = params.get('answers');
if (answers && answers.length <= MAX_ANSWERS) widget.setAttribute('answers', answers);
const theme = params.get('theme');
widget.setAttribute('theme', theme !== null && ['auto', 'light', 'dark'].includes(theme) ? theme : 'auto');
// The page itself is in English; the widget speaks the language asked for.
const lang = params.get('lang');
if (lang && LANGUAGE_TAG.test(lang)) widget.setAttribute('lang', lang);

// Share links lead to the host page once a host script names it, else to
// the `page` the author put in the query, else to this page.
let linkBase = articleUrl(params.get('page'));
if (linkBase) widget.linkBase = linkBase;

const framed = window.parent !== window;
let height = -1;
/**
 * The latest decision-ready or -change, for a host script that greets late.
 * @type {{ event: string, detail: any } | null}
 */
let last = null;
let secret = wordpressSecret();
/** Whether a host script sizes the frame (it greeted us). */
let hostSized = false;

function wordpressSecret() {
  return WORDPRESS_SECRET.exec(location.hash)?.[1] ?? null;
}

/**
 * Posts to the parent page. The messages carry what the host page is
 * meant to see anyway (the size and the public decision-change detail),
 * and the parent of a frame cannot change without the frame going away,
 * so any origin may receive them.
 * @param {object} message
 */
function post(message) {
  if (framed) window.parent.postMessage(message, '*');
}

function measure() {
  return Math.ceil(widget.getBoundingClientRect().height);
}

function postHeight(force = false) {
  const now = measure();
  if (now === height && !force) return;
  height = now;
  post({ type: HEIGHT, height });
  // WordPress shows the frame (and hides its fallback link) at the first
  // message with its secret, and sets the height it names (within its
  // 200–1000 px).
  if (secret && !hostSized) post({ message: 'height', value: height, secret });
}

/**
 * A detail whose link starts with the link base, when there is one.
 * @param {any} detail a decision-ready or -change detail
 */
function relinked(detail) {
  if (!linkBase || typeof detail?.link !== 'string') return detail;
  const hash = detail.link.indexOf('#');
  return { ...detail, link: hash < 0 ? linkBase : linkBase + detail.link.slice(hash) };
}

function postLast() {
  if (last) post({ type: CHANGE, event: last.event, detail: relinked(last.detail) });
}

// The page scrolls when the frame is shorter than the widget (a fixed
// iframe height, WordPress's 1000 px limit); a host script that sizes the
// frame to the widget turns that off, so no scrollbar flickers while the
// frame grows.
function sizedByHost() {
  if (hostSized) return;
  hostSized = true;
  document.documentElement.classList.add('is-sized');
}

// Changes in size, once the frame is drawn. Chromium does not draw a
// cross-origin frame that is out of sight (as WordPress keeps its embed
// iframes until they speak), so no observer fires there: the first height
// is measured and posted at once, below.
new ResizeObserver(() => postHeight()).observe(widget);

for (const type of ['decision-ready', 'decision-change']) {
  widget.addEventListener(type, (event) => {
    if (!(event instanceof CustomEvent)) return;
    last = { event: type, detail: structuredClone(event.detail) };
    postLast();
  });
}

// WordPress's script adds a secret itself to an embed iframe that has
// none, by changing the URL's fragment.
window.addEventListener('hashchange', () => {
  const now = wordpressSecret();
  if (!now || now === secret) return;
  secret = now;
  postHeight(true);
});

/**
 * Takes the page the host script names for the links, only on the origin
 * its message really came from, so no page can make the links lead
 * anywhere but to itself.
 * @param {unknown} value
 * @param {string} origin
 */
function takePage(value, origin) {
  const page = articleUrl(value, origin);
  if (!page || page === linkBase) return;
  linkBase = page;
  widget.linkBase = page;
}

/** @type {(v: unknown) => v is Record<string, unknown>} */
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
/** @type {(data: object, ...keys: string[]) => boolean} */
const hasKeys = (data, ...keys) => Object.keys(data).length === keys.length && keys.every((k) => k in data);

// Only the parent page speaks to the frame, and only in these shapes.
window.addEventListener('message', (event) => {
  if (!framed || event.source !== window.parent) return;
  const data = event.data;
  if (!isObject(data)) return;
  // WordPress's script, ready for heights (it may load after this page).
  if (data.message === 'ready' && secret && data.secret === secret) {
    if (!hostSized) postHeight(true);
    return;
  }
  if (data.type === HELLO && (hasKeys(data, 'type') || hasKeys(data, 'type', 'page'))) {
    // The host script loaded after this page: it asks again (and may say
    // where links should lead).
    sizedByHost();
    if ('page' in data) takePage(data.page, event.origin);
    postHeight(true);
    postLast();
  } else if (data.type === PAGE && hasKeys(data, 'type', 'page')) {
    // The host script's answer to a height: where the links the reader
    // copies here should lead. (The details it has had, it relinks itself.)
    sizedByHost();
    takePage(data.page, event.origin);
  } else if (data.type === ANSWERS && hasKeys(data, 'type', 'answers')) {
    // A share link the host page was opened with: the same as an
    // `answers` query, which the parent could have set anyway.
    const code = data.answers;
    if (typeof code !== 'string' || code.length > MAX_ANSWERS) return;
    widget.setAnswers(code).catch(() => {
      // Not a link for this widget's flow: nothing to open.
    });
  }
});

// Said in the same task as the listener above is added, so whichever of
// this page and WordPress's script comes second hears the other: either
// its `ready` reaches the listener, or this height reaches it.
postHeight(true);
window.addEventListener('load', () => postHeight());

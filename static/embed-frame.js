// The iframe page's script (embed.html): shows one widget, configured by
// the page's query string, and tells the parent page about it through the
// postMessage protocol in DESIGN.md and the README:
//
//   → parent  { type: "decision-widget:height", height }            on every size change
//   → parent  { type: "decision-widget:change", event, detail }     on decision-ready / -change
//   ← parent  { type: "decision-widget:hello" }                     asks for both again
//
// Query: flow (a built-in id, or a flow file on this site), answers (a
// share-link code), theme (auto | light | dark). Anything else, and any
// value that does not fit, is ignored.

import './embed.js';

const HEIGHT = 'decision-widget:height';
const CHANGE = 'decision-widget:change';
const HELLO = 'decision-widget:hello';
const FLOW_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const params = new URLSearchParams(location.search);
const page = new URL(location.href);

/** A flow the query names: a built-in id, or a .json file on this site. */
function flowParam(value) {
  if (!value) return null;
  if (FLOW_ID.test(value)) return value;
  try {
    const url = new URL(value, page);
    // The origin of the URL, not of the document: a sandboxed frame's own
    // origin is opaque.
    if (url.origin === page.origin && url.pathname.endsWith('.json')) return url.href;
  } catch {
    // Not a URL: ignored.
  }
  return null;
}

// The page holds the widget prerendered at the start of the built-in flow;
// another flow replaces it. A page without it (an older copy) gets one.
let widget = document.querySelector('main decision-widget');
if (!widget) {
  widget = document.createElement('decision-widget');
  // Into the page's main landmark, so the page reads as one when opened alone.
  (document.querySelector('main') ?? document.body).append(widget);
}
const flow = flowParam(params.get('flow'));
if (flow && flow !== widget.getAttribute('flow')) widget.setAttribute('flow', flow);
const answers = params.get('answers');
if (answers && answers.length <= 500) widget.setAttribute('answers', answers);
const theme = params.get('theme');
widget.setAttribute('theme', ['auto', 'light', 'dark'].includes(theme) ? theme : 'auto');

const framed = window.parent !== window;
let height = -1;
let last = null;

/**
 * Posts to the parent page. The messages carry what the host page is
 * meant to see anyway (the size and the public decision-change detail),
 * and the parent of a frame cannot change without the frame going away,
 * so any origin may receive them.
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
}

new ResizeObserver(() => postHeight()).observe(widget);

for (const type of ['decision-ready', 'decision-change']) {
  widget.addEventListener(type, (event) => {
    last = { type: CHANGE, event: type, detail: structuredClone(event.detail) };
    post(last);
  });
}

// The host script asks again when it loaded after this page.
window.addEventListener('message', (event) => {
  if (event.source !== window.parent || !framed) return;
  const data = event.data;
  if (!data || typeof data !== 'object' || data.type !== HELLO || Object.keys(data).length !== 1) return;
  postHeight(true);
  if (last) post(last);
});

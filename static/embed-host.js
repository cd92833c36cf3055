// decision-widget's optional host script for the iframe embed: sizes each
// widget iframe to its content, re-dispatches the widget's events on the
// <iframe> element, so a host page listens exactly as it would to
// <decision-widget>, and makes share links lead back to this page:
//
//   <iframe src="https://your.site/decision-widget/embed.html" …></iframe>
//   <script src="https://your.site/decision-widget/embed-host.js" defer></script>
//   iframe.addEventListener('decision-change', (e) => console.log(e.detail.outcome));
//
// It handles iframes whose src is an embed.html (or that carry the
// data-decision-widget attribute), and trusts a message only when it comes
// from that iframe's window and from the origin its src names ("null" for
// an iframe sandboxed without allow-same-origin). Malformed messages are
// ignored. Each frame that speaks is told this page's URL, so the links
// the reader copies in it open this page with the decision in its
// fragment; when this page is opened with such a link, the frame of that
// flow opens the decision. Classic or module script; loading it twice is
// harmless.

(() => {
  const KEY = Symbol.for('decision-widget/host');
  // A mark on the window: this script runs on the page already.
  const page = /** @type {Window & { [KEY]?: boolean }} */ (window);
  if (page[KEY]) return;
  page[KEY] = true;

  const HEIGHT = 'decision-widget:height';
  const CHANGE = 'decision-widget:change';
  const HELLO = 'decision-widget:hello';
  const PAGE = 'decision-widget:page';
  const ANSWERS = 'decision-widget:answers';
  const EVENTS = new Set(['decision-ready', 'decision-change']);
  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  /** A share link in this page's URL: `#dw<format>/<flow>@…`. */
  const LINK = /^#(dw\d+\/([a-z0-9]+(?:-[a-z0-9]+)*)(?:[@/].*)?)$/;
  const MAX_HEIGHT = 100000;
  const MAX_ANSWERS = 500;

  /**
   * What this script knows of a widget iframe: the origin it speaks from,
   * the flow it shows and the share link it was told to open.
   * @typedef {{ origin: string | null, flow: string | null, opened: string | null }} FrameState
   */

  /**
   * Per widget iframe: its origin, its flow, and the link it opened.
   * @type {WeakMap<HTMLIFrameElement, FrameState>}
   */
  const frames = new WeakMap();
  /**
   * The frame a share link just opened, kept in view while its height
   * settles (it grows or shrinks as the answers apply), until `until` (a
   * `performance.now()` time) or the reader's own scrolling, whichever
   * comes first.
   */
  /** @type {{ iframe: HTMLIFrameElement | null, until: number }} */
  let shown = { iframe: null, until: 0 };
  const REVEAL_MS = 2000;

  /** @param {HTMLIFrameElement} iframe */
  function isWidgetFrame(iframe) {
    if (iframe.hasAttribute('data-decision-widget')) return true;
    try {
      return new URL(iframe.src, document.baseURI).pathname.endsWith('/embed.html');
    } catch {
      return false;
    }
  }

  /**
   * The origin an iframe's messages must come from.
   * @param {HTMLIFrameElement} iframe
   */
  function expectedOrigin(iframe) {
    if (iframe.hasAttribute('sandbox') && !iframe.sandbox.contains('allow-same-origin')) return 'null';
    try {
      return new URL(iframe.src, document.baseURI).origin;
    } catch {
      return undefined;
    }
  }

  /**
   * The widget iframe that sent `event`, when it may speak for it.
   * @param {MessageEvent} event
   */
  function sender(event) {
    for (const iframe of document.querySelectorAll('iframe')) {
      if (iframe.contentWindow !== event.source) continue;
      return isWidgetFrame(iframe) && event.origin === expectedOrigin(iframe) ? iframe : null;
    }
    return null;
  }

  /** @type {(v: unknown) => v is Record<string, unknown>} */
  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  /** @type {(v: unknown) => v is string} */
  const isId = (v) => typeof v === 'string' && v.length <= 64 && ID.test(v);

  /**
   * A clean copy of a decision-change detail, or null when malformed. Its
   * link leads to this page: the frame may have made it before it learnt
   * this page's URL.
   * @param {unknown} d
   */
  function detailOf(d) {
    if (!isObject(d) || !isId(d.flow) || typeof d.flowVersion !== 'number' || !Number.isInteger(d.flowVersion) || d.flowVersion < 1) return null;
    if (!isObject(d.answers) || !Array.isArray(d.path) || d.path.length > 1000 || !d.path.every(isId)) return null;
    const entries = Object.entries(d.answers);
    // Each answer is a choice id ("yes" and "no" for a yes/no question).
    if (entries.length > 1000 || !entries.every(([k, v]) => isId(k) && isId(v))) return null;
    if (d.outcome !== null && !isId(d.outcome)) return null;
    if (typeof d.link !== 'string' || d.link.length > 4000) return null;
    const fragment = d.link.indexOf('#');
    return {
      flow: d.flow,
      flowVersion: d.flowVersion,
      answers: Object.fromEntries(entries),
      path: [...d.path],
      outcome: d.outcome,
      link: pageUrl() + (fragment < 0 ? '' : d.link.slice(fragment)),
    };
  }

  /** This page's URL without its fragment: where share links lead. */
  function pageUrl() {
    const url = new URL(location.href);
    url.hash = '';
    return url.href;
  }

  /**
   * @param {HTMLIFrameElement} iframe
   * @returns {FrameState}
   */
  function stateOf(iframe) {
    let state = frames.get(iframe);
    if (!state) frames.set(iframe, (state = { origin: null, flow: null, opened: null }));
    return state;
  }

  /**
   * Posts to a frame whose origin was checked: to that origin, or to any for an opaque one.
   * @param {HTMLIFrameElement} iframe
   * @param {string} origin
   * @param {object} message
   */
  function tell(iframe, origin, message) {
    iframe.contentWindow?.postMessage(message, origin === 'null' ? '*' : origin);
  }

  /**
   * Opens the share link in this page's URL in `iframe` when it is for the
   * flow the frame shows and was not opened there yet; brings the frame
   * into view, since the reader came for that decision.
   * @param {HTMLIFrameElement} iframe
   */
  function openLink(iframe) {
    const state = stateOf(iframe);
    const link = LINK.exec(location.hash);
    // A frame that never spoke has no origin to tell it at.
    if (!link || state.origin === null || link[1].length > MAX_ANSWERS || link[2] !== state.flow || state.opened === link[1]) return;
    state.opened = link[1];
    tell(iframe, state.origin, { type: ANSWERS, answers: link[1] });
    shown = { iframe, until: performance.now() + REVEAL_MS };
    iframe.scrollIntoView({ block: 'start' });
  }
  // The reader scrolls or types: the page is theirs again.
  for (const type of ['wheel', 'touchstart', 'keydown', 'pointerdown']) {
    window.addEventListener(type, () => (shown.until = 0), { passive: true, capture: true });
  }

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (!isObject(data) || (data.type !== HEIGHT && data.type !== CHANGE)) return;
    const iframe = sender(event);
    if (!iframe) return;
    const state = stateOf(iframe);
    state.origin = event.origin;
    if (data.type === HEIGHT) {
      const { height } = data;
      if (typeof height !== 'number' || !Number.isFinite(height) || height < 0 || height > MAX_HEIGHT) return;
      iframe.height = String(Math.ceil(height));
      if (shown.iframe === iframe && performance.now() < shown.until) iframe.scrollIntoView({ block: 'start' });
      // Every page loaded in the frame posts its height first: it learns
      // where its links should lead (a frame that knows already ignores it).
      tell(iframe, event.origin, { type: PAGE, page: pageUrl() });
      return;
    }
    const name = data.event ?? 'decision-change';
    const detail = detailOf(data.detail);
    if (typeof name !== 'string' || !EVENTS.has(name) || !detail) return;
    iframe.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
    state.flow = detail.flow;
    openLink(iframe);
  });

  // A share link pasted into this tab's address bar.
  window.addEventListener('hashchange', () => {
    for (const iframe of document.querySelectorAll('iframe')) {
      if (frames.get(iframe)?.flow) openLink(iframe);
    }
  });

  // Frames that loaded before this script posted their size to nobody:
  // ask them again, saying where their links should lead. Frames that
  // load later post on their own and are told in reply. The request needs
  // no target origin (a frame still loading has another one, and a named
  // origin would be refused with an error); this page's URL is for the
  // widget's frames, which the frame checks against this page's origin.
  function greet() {
    for (const iframe of document.querySelectorAll('iframe')) {
      if (isWidgetFrame(iframe) && iframe.contentWindow) iframe.contentWindow.postMessage({ type: HELLO, page: pageUrl() }, '*');
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', greet, { once: true });
  else greet();
})();

// decision-widget's optional host script for the iframe embed: sizes each
// widget iframe to its content and re-dispatches the widget's events on
// the <iframe> element, so a host page listens exactly as it would to
// <decision-widget>:
//
//   <iframe src="https://your.site/decision-widget/embed.html" …></iframe>
//   <script src="https://your.site/decision-widget/embed-host.js" defer></script>
//   iframe.addEventListener('decision-change', (e) => console.log(e.detail.outcome));
//
// It handles iframes whose src is an embed.html (or that carry the
// data-decision-widget attribute), and trusts a message only when it comes
// from that iframe's window and from the origin its src names ("null" for
// an iframe sandboxed without allow-same-origin). Malformed messages are
// ignored. Classic or module script; loading it twice is harmless.

(() => {
  const KEY = Symbol.for('decision-widget/host');
  if (window[KEY]) return;
  window[KEY] = true;

  const HEIGHT = 'decision-widget:height';
  const CHANGE = 'decision-widget:change';
  const HELLO = 'decision-widget:hello';
  const EVENTS = new Set(['decision-ready', 'decision-change']);
  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const MAX_HEIGHT = 100000;

  function isWidgetFrame(iframe) {
    if (iframe.hasAttribute('data-decision-widget')) return true;
    try {
      return new URL(iframe.src, document.baseURI).pathname.endsWith('/embed.html');
    } catch {
      return false;
    }
  }

  /** The origin an iframe's messages must come from. */
  function expectedOrigin(iframe) {
    if (iframe.hasAttribute('sandbox') && !iframe.sandbox.contains('allow-same-origin')) return 'null';
    try {
      return new URL(iframe.src, document.baseURI).origin;
    } catch {
      return undefined;
    }
  }

  /** The widget iframe that sent `event`, when it may speak for it. */
  function sender(event) {
    for (const iframe of document.querySelectorAll('iframe')) {
      if (iframe.contentWindow !== event.source) continue;
      return isWidgetFrame(iframe) && event.origin === expectedOrigin(iframe) ? iframe : null;
    }
    return null;
  }

  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const isId = (v) => typeof v === 'string' && v.length <= 64 && ID.test(v);

  /** A clean copy of a decision-change detail, or null when malformed. */
  function detailOf(d) {
    if (!isObject(d) || !isId(d.flow) || !Number.isInteger(d.flowVersion) || d.flowVersion < 1) return null;
    if (!isObject(d.answers) || !Array.isArray(d.path) || d.path.length > 1000 || !d.path.every(isId)) return null;
    const entries = Object.entries(d.answers);
    if (entries.length > 1000 || !entries.every(([k, v]) => isId(k) && (v === 'yes' || v === 'no'))) return null;
    if (d.outcome !== null && !isId(d.outcome)) return null;
    if (typeof d.link !== 'string' || d.link.length > 4000) return null;
    return {
      flow: d.flow,
      flowVersion: d.flowVersion,
      answers: Object.fromEntries(entries),
      path: [...d.path],
      outcome: d.outcome,
      link: d.link,
    };
  }

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (!isObject(data) || (data.type !== HEIGHT && data.type !== CHANGE)) return;
    const iframe = sender(event);
    if (!iframe) return;
    if (data.type === HEIGHT) {
      const { height } = data;
      if (typeof height !== 'number' || !Number.isFinite(height) || height < 0 || height > MAX_HEIGHT) return;
      iframe.height = String(Math.ceil(height));
      return;
    }
    const name = data.event ?? 'decision-change';
    const detail = detailOf(data.detail);
    if (!EVENTS.has(name) || !detail) return;
    iframe.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
  });

  // Frames that loaded before this script posted their size to nobody:
  // ask them again. Frames that load later post on their own. The request
  // carries nothing, so it needs no target origin (a frame still loading
  // has another one, and a named origin would be refused with an error).
  function greet() {
    for (const iframe of document.querySelectorAll('iframe')) {
      if (isWidgetFrame(iframe) && iframe.contentWindow) iframe.contentWindow.postMessage({ type: HELLO }, '*');
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', greet, { once: true });
  else greet();
})();

// The live preview: the real <decision-widget> (from embed.js) showing the
// last valid draft.
//
// The element loads flows by URL, so each draft is handed to it as a
// `blob:` URL of its text. Across updates the reader keeps their answers
// wherever the questions still exist: the preview remembers the share code
// of the latest decision-change and passes it as the `answers` attribute of
// the next draft; the widget then restores what it can and says what it
// dropped, as it does for any older link.

/**
 * What the preview shows: the draft as it is, the last valid one while the
 * draft has problems, the widget's message when it could not show it, or
 * nothing yet.
 * @typedef {'current' | 'outdated' | 'failed' | 'none'} PreviewState
 */

export class Preview {
  /**
   * `element` is the <decision-widget>; `onState(state, message)` hears
   * `'current'`, `'outdated'` or `'failed'` (with the widget's message).
   * @param {HTMLElement} element
   * @param {(state: PreviewState, message?: string) => void} onState
   */
  constructor(element, onState) {
    this.element = element;
    this.onState = onState;
    /** @type {string | null} The blob: URL of the draft shown. */
    this.url = null;
    /** @type {string | null} The draft shown, as canonical JSON. */
    this.shown = null;
    /** @type {string | null} The share code of the reader's latest answers. */
    this.code = null;
    const remember = (/** @type {Event} */ event) => {
      if (event.target !== element || !(event instanceof CustomEvent)) return;
      const link = String(event.detail?.link ?? '');
      const hash = link.indexOf('#');
      this.code = hash >= 0 ? link.slice(hash + 1) : null;
    };
    element.addEventListener('decision-ready', remember);
    element.addEventListener('decision-change', remember);
    element.addEventListener('decision-error', (event) => {
      if (event.target === element && event instanceof CustomEvent) this.onState('failed', event.detail?.message ?? '');
    });
  }

  /**
   * Shows the valid draft `text`. `flow` is `{ id, version }` from it: the
   * answers carried over are re-labelled for them, so renaming the flow or
   * raising its version keeps the reader's place too.
   * @param {string} text
   * @param {{ id: string, version: number }} flow
   */
  show(text, flow) {
    // The same flow, whatever its spacing: nothing to redraw.
    const canonical = JSON.stringify(JSON.parse(text));
    if (canonical === this.shown) {
      this.onState('current');
      return;
    }
    this.shown = canonical;
    const previous = this.url;
    this.url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    // A new flow attribute starts a new widget, which reads `answers` once
    // its flow has loaded: both are set in this task.
    this.element.setAttribute('flow', this.url);
    const code = this.code && this.code.replace(/^dw1\/[^/]*/, `dw1/${flow.id}@${flow.version}`);
    if (code) this.element.setAttribute('answers', code);
    else this.element.removeAttribute('answers');
    this.element.hidden = false;
    if (previous) URL.revokeObjectURL(previous);
    this.onState('current');
  }

  /** The draft has problems: the last valid one stays, marked as outdated. */
  outdated() {
    this.onState(this.shown ? 'outdated' : 'none');
  }
}

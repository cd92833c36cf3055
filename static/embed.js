// decision-widget: defines the <decision-widget> element.
//
// Load it as a module script; it fetches nothing until the first element
// appears, then loads the WebAssembly once for every widget on the page.
// Each widget renders into its own shadow root, styled by widget.css
// through a <link>, so it needs no inline style and works under a strict
// Content Security Policy.

import init, { mount } from './decision_widget.js';

const here = import.meta.url;
let wasm = null;

function loadWasm() {
  wasm ??= init({ module_or_path: new URL('./decision_widget_bg.wasm', here) });
  return wasm;
}

function loadStylesheet(shadow) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('./widget.css', here).href;
  const loaded = new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true });
  });
  shadow.append(link);
  return loaded;
}

class DecisionWidget extends HTMLElement {
  static observedAttributes = ['flow', 'answers'];
  #handle = null;
  #generation = 0;

  attributeChangedCallback(name, before, after) {
    if (!this.#handle || before === after) return;
    if (name === 'answers') {
      this.#handle.setAnswers(after ?? '');
    } else {
      // A new flow is a new widget.
      this.disconnectedCallback();
      this.connectedCallback();
    }
  }

  async connectedCallback() {
    const generation = ++this.#generation;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    shadow.replaceChildren();
    const styled = loadStylesheet(shadow);
    const root = document.createElement('div');
    root.className = 'dw-root';
    shadow.append(root);
    try {
      await Promise.all([loadWasm(), styled]);
    } catch (error) {
      root.textContent = 'The decision widget could not start: its WebAssembly did not load.';
      root.setAttribute('role', 'alert');
      console.error('decision-widget:', error);
      return;
    }
    // Removed (or removed and re-added) while loading: that call owns it now.
    if (generation !== this.#generation || !this.isConnected) return;
    this.#handle = mount(
      this,
      root,
      this.getAttribute('flow'),
      this.getAttribute('answers'),
      this.hasAttribute('sync-url'),
    );
  }

  disconnectedCallback() {
    this.#generation++;
    this.#handle?.destroy();
    this.#handle?.free();
    this.#handle = null;
  }
}

if (!customElements.get('decision-widget')) {
  customElements.define('decision-widget', DecisionWidget);
}

// @ts-check
// How every script and test here starts headless Chromium: Debian's build
// (never a downloaded one) with the flags that keep it quiet on a machine
// without internet access.

/** The Chromium binary; set CHROMIUM to use another. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Launch flags: no sandbox (root in CI), no GPU, no background network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * Runs in the page before its scripts: gives the page's widget the `lang`
 * attribute `lang` as soon as it is parsed.
 * @param {string} lang
 */
export function speaking(lang) {
  new MutationObserver((_, observer) => {
    const element = document.querySelector('decision-widget');
    if (element) {
      element.setAttribute('lang', lang);
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

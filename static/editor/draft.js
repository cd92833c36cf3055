// The draft in this browser's storage: saved on every change, whatever
// state the text is in, so a reload or a bad edit never loses work.
//
// The draft is stored as its plain text, so there is no stored format that
// a later version could fail to read. Storage that is blocked (a privacy
// setting, a sandbox) or full is reported, never thrown: the editor keeps
// working and says the draft is not being kept.

const KEY = 'decision-widget/editor-draft';

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * The saved draft's text, `null` when there is none, or `{ blocked }`.
 * @returns {{ text: string | null, blocked?: undefined } | { blocked: true, text?: undefined }}
 */
export function loadDraft() {
  const store = storage();
  if (!store) return { blocked: true };
  try {
    return { text: store.getItem(KEY) };
  } catch {
    return { blocked: true };
  }
}

/**
 * Saves `text`; returns true when it is kept, false when it cannot be.
 * @param {string} text
 */
export function saveDraft(text) {
  const store = storage();
  if (!store) return false;
  try {
    store.setItem(KEY, text);
    return true;
  } catch {
    return false;
  }
}

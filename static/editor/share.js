// Draft links: the whole flow source, compressed into the URL fragment, so
// a draft can be shared without any server.
//
//   editor.html#draft=<base64url of the deflate-raw of the UTF-8 text>
//
// The browser's own CompressionStream does the deflating. Reading a link
// never throws: a damaged one gives `{ error }` and changes nothing.

/** The fragment key of a draft link. */
export const DRAFT_KEY = 'draft=';

/** Longest draft a link may unpack to, as the widget's limit for flow files. */
const MAX_DRAFT_CHARS = 1_000_000;

/**
 * Whether `hash` (with or without `#`) is a draft link's fragment.
 * @param {string} hash
 */
export function isDraftFragment(hash) {
  return hash.replace(/^#/, '').startsWith(DRAFT_KEY);
}

/**
 * The fragment (without `#`) of a link that holds `text`.
 * @param {string} text
 * @returns {Promise<string>}
 */
export async function draftFragment(text) {
  const packed = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(packed).arrayBuffer());
  return DRAFT_KEY + toBase64Url(bytes);
}

/**
 * Reads a draft link's fragment: `{ text }`, or `{ error }` saying why the
 * link cannot be opened.
 * @param {string} hash
 * @returns {Promise<{ text: string, error?: undefined } | { error: string, text?: undefined }>}
 */
export async function readDraftFragment(hash) {
  const data = hash.replace(/^#/, '').slice(DRAFT_KEY.length);
  const damaged = (/** @type {string} */ why) => ({ error: `This draft link is damaged (${why}), so it could not be opened.` });
  if (data === '') return damaged('it holds no draft');
  const bytes = fromBase64Url(data);
  if (!bytes) return damaged('it has characters a draft link never has');
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const reader = stream.getReader();
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      // A link is small, but what it unpacks to need not be.
      if (text.length > MAX_DRAFT_CHARS) {
        await reader.cancel();
        return damaged('it unpacks to more than a flow can be');
      }
    }
    text += decoder.decode();
    return { text };
  } catch {
    return damaged('it was cut short or changed');
  }
}

/** @param {Uint8Array} bytes */
function toBase64Url(bytes) {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list short.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * @param {string} text
 * @returns {Uint8Array<ArrayBuffer> | null}
 */
function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]+$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

// @ts-check
// decision-widget for Eleventy: a paired shortcode and the ```decision
// Markdown fence, and the widget's files copied into the site's output.
//
//   // eleventy.config.js
//   import decisionWidget from 'decision-widget/eleventy';
//   export default function (eleventyConfig) {
//     eleventyConfig.addPlugin(decisionWidget);
//     // or, with the files from a pinned CDN instead of the site:
//     // eleventyConfig.addPlugin(decisionWidget, { base: 'https://cdn.jsdelivr.net/npm/decision-widget@1.2.3/' });
//   }
//
// In a page:
//
//   {% decisionWidget "rag-vs-fine-tuning", "de", "dark" %}{% enddecisionWidget %}
//   {% decisionWidget %}{ "format": 1, … a flow file … }{% enddecisionWidget %}
//
//   ```decision lang="de" theme="dark"
//   { "format": 1, … a flow file … }
//   ```

import { fileURLToPath } from 'node:url';

/** The package this folder ships in: the widget's files are at its root. */
const PACKAGE = fileURLToPath(new URL('../../', import.meta.url));

/**
 * What a page with the element loads, relative to the package's root: the
 * element's module, the widget's two builds (the second takes over
 * prerendered markup), the tools (exports, explaining a broken flow), the
 * styles, the built-in flows and the language files.
 */
const WIDGET_FILES = [
  'embed.js',
  'decision_widget.js',
  'decision_widget_bg.wasm',
  'decision_widget_hydrate.js',
  'decision_widget_hydrate_bg.wasm',
  'tools.js',
  'tools_bg.wasm',
  'isolation.css',
  'widget.css',
  'flows',
  'lang',
];

/** The element's attributes a page may set. */
const ATTRIBUTES = ['flow', 'lang', 'theme', 'answers'];
const THEMES = ['auto', 'light', 'dark'];

/**
 * @typedef {object} Options
 * @property {string} [base] where pages load the widget's files from: an
 *   absolute URL (a pinned CDN's, ending in `/`), or a path on the site
 *   (default `/decision-widget/`, with the site's path prefix). With an
 *   absolute URL nothing is copied.
 * @property {string} [fence] the info word of a fenced code block that
 *   becomes the widget (default `decision`).
 * @property {string} [shortcode] the paired shortcode's name (default
 *   `decisionWidget`).
 */

/** @typedef {{ flow?: string, lang?: string, theme?: string, answers?: string }} Attributes */

/**
 * `text` with the characters that could end an attribute or start markup
 * written as character references.
 * @param {string} text
 */
function escapeAttribute(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A flow file's text as it may stand inside `<script type="application/json">`:
 * every character that could end the script element or start markup in it
 * (<, >, &) and the two line separators older JavaScript ends a line at,
 * written as JSON escapes. Outside strings these characters are not JSON,
 * and inside one the escape means the same character, so the flow reads
 * the same, and nothing in it can close the element.
 * @param {string} text
 */
export function scriptSafeJson(text) {
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The element, with `inline` (a flow file's text, or empty) inside it, and
 * the module script that defines it (a page runs a module script once
 * however often it names it). Each tag that opens or closes a block of
 * HTML stands on a line of its own, with no blank line between them, so
 * that Markdown read after the shortcode (as Eleventy does for a Markdown
 * page) keeps the lot as one block of HTML; blank lines in the flow's text
 * go for the same reason (JSON allows them only between tokens, so the
 * flow reads the same).
 * @param {string} base
 * @param {Attributes} attributes
 * @param {string} inline
 * @param {string} where what wrote it, for errors
 */
export function widgetMarkup(base, attributes, inline, where) {
  for (const name of Object.keys(attributes)) {
    if (!ATTRIBUTES.includes(name)) {
      throw new Error(`decision-widget: ${where}: unknown attribute “${name}”; it takes ${ATTRIBUTES.join(', ')}`);
    }
  }
  const theme = attributes.theme;
  if (theme && !THEMES.includes(theme)) {
    throw new Error(`decision-widget: ${where}: theme must be “auto”, “light” or “dark”, not “${theme}”`);
  }
  const attrs = ATTRIBUTES.flatMap((name) => {
    const value = attributes[/** @type {keyof Attributes} */ (name)];
    return value == null || value === '' ? [] : [` ${name}="${escapeAttribute(String(value))}"`];
  }).join('');
  const text = inline.replace(/^[ \t]*\r?\n/gm, '').trim();
  return [
    `<decision-widget${attrs}>`,
    ...(text ? [`<script type="application/json">${scriptSafeJson(text)}</script>`] : []),
    '</decision-widget>',
    `<script type="module" src="${escapeAttribute(`${base}embed.js`)}"></script>`,
    '',
  ].join('\n');
}

/**
 * The attributes written after the fence's info word:
 * `lang="de" theme=dark` or `{lang="de" theme="dark"}`.
 * @param {string} rest
 * @param {string} where
 * @returns {Attributes}
 */
function fenceAttributes(rest, where) {
  /** @type {Record<string, string>} */
  const attributes = {};
  const text = rest.trim().replace(/^\{([^]*)\}$/, '$1');
  const pair = /\s*([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))\s*/gy;
  let at = 0;
  while (at < text.length) {
    pair.lastIndex = at;
    const match = pair.exec(text);
    if (!match) throw new Error(`decision-widget: ${where}: cannot read “${text.slice(at)}”; write name="value" pairs`);
    attributes[match[1]] = match[2] ?? match[3] ?? match[4];
    at = pair.lastIndex;
  }
  return attributes;
}

/**
 * The shortcode's arguments: strings in the order flow, lang, theme,
 * answers (an empty string leaves one out), or one object of them.
 * @param {unknown[]} args
 * @returns {Attributes}
 */
function shortcodeAttributes(args) {
  if (args.length === 1 && args[0] && typeof args[0] === 'object') return { .../** @type {Attributes} */ (args[0]) };
  if (args.length > ATTRIBUTES.length) {
    throw new Error(`decision-widget: the shortcode takes at most ${ATTRIBUTES.length} arguments (${ATTRIBUTES.join(', ')}), not ${args.length}`);
  }
  return Object.fromEntries(args.map((value, i) => [ATTRIBUTES[i], value == null ? '' : String(value)]));
}

/**
 * The Eleventy plugin.
 * @param {any} eleventyConfig
 * @param {Options} [options]
 */
export default function decisionWidget(eleventyConfig, options = {}) {
  const { base = '/decision-widget/', fence = 'decision', shortcode = 'decisionWidget' } = options;
  const external = /^(https?:)?\/\//.test(base);
  const folder = base.endsWith('/') ? base : `${base}/`;
  if (!external) {
    const target = folder.replace(/^\/+/, '');
    for (const name of WIDGET_FILES) {
      eleventyConfig.addPassthroughCopy({ [PACKAGE + name]: target + name });
    }
  }
  /**
   * The base URL as a page writes it: the site's path prefix applied to a
   * folder of the site.
   * @param {any} context a template's `this`
   */
  const baseUrl = (context) => {
    if (external) return folder;
    const url = eleventyConfig.getFilter('url');
    return url ? url.call(context, folder) : folder;
  };

  eleventyConfig.addPairedShortcode(
    shortcode,
    /**
     * @this {any}
     * @param {string} content
     * @param {...unknown} args
     */
    function (content, ...args) {
      const where = `${this.page?.inputPath ?? 'a template'}, shortcode ${shortcode}`;
      return widgetMarkup(baseUrl(this), shortcodeAttributes(args), content ?? '', where);
    },
  );

  eleventyConfig.amendLibrary(
    'md',
    /** @param {any} md markdown-it */
    (md) => {
      const fallback = md.renderer.rules.fence;
      md.renderer.rules.fence = (/** @type {any[]} */ tokens, /** @type {number} */ idx, /** @type {any} */ mdOptions, /** @type {any} */ env, /** @type {any} */ self) => {
        const token = tokens[idx];
        const info = String(token.info ?? '').trim();
        const [word] = info.split(/[\s{]/, 1);
        if (word !== fence) return fallback ? fallback(tokens, idx, mdOptions, env, self) : self.renderToken(tokens, idx, mdOptions);
        const line = token.map ? token.map[0] + 1 : 0;
        const where = `${env?.page?.inputPath ?? 'Markdown'}${line ? `:${line}` : ''}, \`\`\`${fence} block`;
        const attributes = fenceAttributes(info.slice(word.length), where);
        return widgetMarkup(baseUrl({ page: env?.page }), attributes, token.content, where);
      };
    },
  );
}

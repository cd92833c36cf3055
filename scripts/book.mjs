// @ts-check
// The book's generated pages, written from the sources they describe so
// they cannot drift from them, and a check of a built book's links.
//
//   node scripts/book.mjs             writes the generated pages
//   node scripts/book.mjs --check     writes nothing; exits 1 when a committed
//                                     page differs from what it would write
//   node scripts/book.mjs --links DIR checks the links of a book built into
//                                     DIR (`mdbook build docs -d DIR`)
//
// The generated pages, included by the chapters with {{#include}}:
// - docs/src/languages-keys.md: every key of the widget's words with its
//   English text, grouped as crates/engine/src/words.rs groups them, and
//   the languages with their files and plural categories (static/lang/);
// - docs/src/flows/format-fields.md: every field of a flow file, from
//   static/flow.schema.json (its descriptions, types and requirements).
// docs/src/performance-tables.md is written by scripts/bench.mjs.
//
// The English words are read from the Rust source, which holds them as a
// table of string literals; crates/engine/tests/it/words.rs checks that the
// page names every key the engine has, so a source this parser misreads
// fails there too.

import { readdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const WORDS_RS = 'crates/engine/src/words.rs';
const LANG_DIR = 'static/lang';
const SCHEMA = 'static/flow.schema.json';
/** @param {string} sources */
const NOTICE = (sources) => `<!-- Written by scripts/book.mjs from ${sources}; do not edit. -->\n`;

/** @typedef {{ key: string, text: string }} Word */
/** @typedef {{ title: string, words: Word[] }} Group */

/**
 * The string literals of a Rust source fragment, unescaped, in order.
 * @param {string} source
 * @returns {string[]}
 */
function rustStrings(source) {
  /** @type {Record<string, string>} */
  const escapes = { n: '\n', t: '\t', r: '\r', 0: '\0' };
  return [...source.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) =>
    m[1].replace(/\\(u\{([0-9a-fA-F]+)\}|.)/g, (/** @type {string} */ _, /** @type {string} */ c, /** @type {string | undefined} */ hex) =>
      hex ? String.fromCodePoint(parseInt(hex, 16)) : escapes[c] ?? c,
    ),
  );
}

/**
 * The body of the Rust constant `name` (the text between `= &[` and `];`).
 * @param {string} source
 * @param {string} name
 */
function constant(source, name) {
  const m = new RegExp(`const ${name}: [^=]*= &\\[`).exec(source);
  if (!m) throw new Error(`${WORDS_RS}: no constant ${name}`);
  const open = m.index + m[0].length;
  // The closing `]`: the first one outside string literals and brackets.
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '"') {
      while (++i < source.length && source[i] !== '"') if (source[i] === '\\') i++;
    } else if (c === '[') depth++;
    else if (c === ']' && depth-- === 0) return source.slice(open, i);
  }
  throw new Error(`${WORDS_RS}: the end of ${name}`);
}

/**
 * The widget's words as the engine holds them: the languages, and every
 * key with its English text in groups (the table's `// Group` comments;
 * the words said outside the widget's wasm last).
 * @param {string} source the text of crates/engine/src/words.rs
 * @returns {{ languages: string[], groups: Group[] }}
 */
export function parseWords(source) {
  const languages = rustStrings(constant(source, 'LANGUAGES'));
  /** @type {Group[]} */
  const groups = [];
  /** @param {string} body @param {string} [title] */
  const read = (body, title) => {
    if (title) groups.push({ title, words: [] });
    for (const line of body.split('\n')) {
      const trimmed = line.trim();
      if (!trimmed) continue;
      const comment = trimmed.match(/^\/\/\s*(.+)$/);
      if (comment) {
        groups.push({ title: comment[1], words: [] });
        continue;
      }
      const strings = rustStrings(trimmed);
      // One entry a line: ("key", "text") or ("key", elsewhere!("text")).
      if (strings.length !== 2 || !/^\(\s*"/.test(trimmed)) throw new Error(`${WORDS_RS}: cannot read the line ${trimmed}`);
      if (!groups.length) throw new Error(`${WORDS_RS}: a word before the first group comment`);
      groups.at(-1)?.words.push({ key: strings[0], text: strings[1] });
    }
  };
  read(constant(source, 'ENGLISH'));
  read(
    constant(source, 'ELSEWHERE'),
    'Said before the wasm runs (by `embed.js`), in the exports and in the outline',
  );
  return { languages, groups: groups.filter((g) => g.words.length) };
}

/**
 * Text for a Markdown table cell: the characters Markdown or mdBook would
 * read as markup escaped, and text with leading or trailing spaces in a
 * code span so the spaces show.
 * @param {string} text
 */
function cell(text) {
  if (text !== text.trim() || !text.trim()) return '`' + text.replaceAll('`', "'") + '`';
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replaceAll('{{', '{\\{');
}

/**
 * The counting words' plural categories in a table of words (the suffixes
 * of keys such as `saved-count.one`), in CLDR's order.
 * @param {string[]} keys
 */
function categories(keys) {
  const order = ['zero', 'one', 'two', 'few', 'many', 'other'];
  const found = new Set(keys.filter((k) => k.includes('.')).map((k) => k.split('.')[1]));
  return order.filter((c) => found.has(c));
}

/**
 * docs/src/languages-keys.md.
 * @param {string} wordsSource the text of crates/engine/src/words.rs
 * @param {Record<string, Record<string, string>>} tables each language's `words`, by language
 */
export function languagesPage(wordsSource, tables) {
  const { languages, groups } = parseWords(wordsSource);
  const english = groups.flatMap((g) => g.words.map((w) => w.key));
  const names = new Intl.DisplayNames(['en'], { type: 'language' });
  const out = [NOTICE(`${WORDS_RS} and ${LANG_DIR}/*.json`)];
  out.push('| language | code | words | counting words\' plural categories |');
  out.push('|---|---|---|---|');
  for (const lang of languages) {
    const keys = lang === 'en' ? english : Object.keys(tables[lang] ?? {});
    if (lang !== 'en' && !tables[lang]) throw new Error(`no ${LANG_DIR}/${lang}.json for the language ${lang}`);
    const where = lang === 'en' ? 'built in' : `\`lang/${lang}.json\``;
    out.push(`| ${names.of(lang)} | \`${lang}\` | ${where}, ${keys.length} texts | ${categories(keys).map((c) => `\`.${c}\``).join(', ')} |`);
  }
  for (const group of groups) {
    out.push('', `### ${group.title}`, '', '| key | English |', '|---|---|');
    for (const { key, text } of group.words) out.push(`| \`${key}\` | ${cell(text)} |`);
  }
  return out.join('\n') + '\n';
}

/**
 * A field's type as a reader of the format says it, from its schema.
 * @param {any} field
 * @param {any} schema the whole schema, for `$ref`s
 * @returns {string}
 */
function typeOf(field, schema) {
  if (field.$ref) {
    /** @type {string} */
    const name = field.$ref.split('/').at(-1);
    /** @type {Record<string, string>} */
    const names = { id: 'id', text: 'text', section: 'section id', note: 'note', labels: 'labels', choice: 'choice', question: 'question', outcome: 'outcome' };
    return names[name] ?? schema.$defs[name].type;
  }
  if (field.anyOf) return field.anyOf.map((/** @type {any} */ f) => typeOf(f, schema)).join(' or ');
  if (field.enum) return field.enum.map((/** @type {any} */ v) => `\`${JSON.stringify(v)}\``).join(' or ');
  if (field.type === 'null') return '`null`';
  if (field.type === 'integer') {
    const max = field.maximum === 4294967295 ? '2³² − 1' : field.maximum;
    return `whole number${field.minimum != null ? `, ${field.minimum} to ${max ?? 'any'}` : ''}`;
  }
  if (field.type === 'array') {
    const of = typeOf(field.items, schema);
    const plural = of.endsWith('s') ? of : `${of}s`;
    if (field.minItems != null && field.maxItems != null) return `list of ${field.minItems} to ${field.maxItems} ${plural}`;
    if (field.minItems != null) return `list of ${field.minItems} or more ${plural}`;
    return `list of ${plural}`;
  }
  if (field.type === 'string') return 'string';
  return field.type ?? 'any';
}

/**
 * docs/src/flows/format-fields.md.
 * @param {any} schema static/flow.schema.json, parsed
 */
export function fieldsPage(schema) {
  // Format 2 only: what format 1's branch of the schema forbids.
  const then = schema.allOf?.[0]?.then?.properties ?? {};
  const onlyTwo = new Set(Object.keys(then).filter((k) => then[k] === false));
  const choicesOnlyTwo = then.questions?.items?.properties?.choices === false;
  /** @type {[string, any, Set<string>][]} */
  const objects = [
    ['The flow (the file)', schema, onlyTwo],
    ['A question (`questions`)', schema.$defs.question, new Set(choicesOnlyTwo ? ['choices'] : [])],
    ['A choice (`choices`, format 2)', schema.$defs.choice, new Set()],
    ['An outcome (`outcomes`)', schema.$defs.outcome, new Set()],
    ['A note (`practice`, and each of an outcome\'s `reasons`)', schema.$defs.note, new Set()],
  ];
  const out = [NOTICE(SCHEMA)];
  const described = (/** @type {string} */ name) => schema.$defs[name]?.description;
  for (const [title, object, formatTwo] of objects) {
    out.push(`### ${title}`, '', '| field | | type | what it is |', '|---|---|---|---|');
    const required = new Set(object.required ?? []);
    for (const [name, field] of Object.entries(object.properties)) {
      const ref = field.$ref?.split('/').at(-1);
      const what = field.description ?? (ref ? described(ref) : '') ?? '';
      const flags = [required.has(name) ? 'required' : 'optional', ...(formatTwo.has(name) ? ['format 2'] : [])].join(', ');
      out.push(`| \`${name}\` | ${flags} | ${typeOf(field, schema)} | ${what.replaceAll('|', '\\|')} |`);
    }
    // Fields that go together: the schema's `oneOf` of required sets.
    /** @type {string[][]} */
    const sets = (object.oneOf ?? []).map((/** @type {any} */ o) => o.required ?? []);
    if (sets.length > 1) {
      const either = sets.map((set) => set.map((f) => `\`${f}\``).join(' and ')).join(', or ');
      out.push('', `It has either ${either}, ${sets.length === 2 ? 'never both' : 'only one of them'}.`);
    }
    out.push('');
  }
  const types = [
    ['id', schema.$defs.id.description],
    ['text', schema.$defs.text.description],
    ['section id', schema.$defs.section.description],
  ];
  out.push('The types:', '');
  for (const [name, what] of types) out.push(`- *${name}*: ${what}`);
  return out.join('\n') + '\n';
}

/**
 * Every generated page, by path from the repository root, as this script
 * would write it now.
 * @param {string} [repo]
 * @returns {Map<string, string>}
 */
export function generated(repo = REPO) {
  const read = (/** @type {string} */ path) => readFileSync(join(repo, path), 'utf8');
  /** @type {Record<string, Record<string, string>>} */
  const tables = {};
  for (const file of readdirSync(join(repo, LANG_DIR)).filter((f) => f.endsWith('.json')).sort()) {
    tables[file.replace(/\.json$/, '')] = JSON.parse(read(join(LANG_DIR, file))).words;
  }
  return new Map([
    ['docs/src/languages-keys.md', languagesPage(read(WORDS_RS), tables)],
    ['docs/src/flows/format-fields.md', fieldsPage(JSON.parse(read(SCHEMA)))],
  ]);
}

/**
 * The broken links of a built book: every `href` and `src` of its HTML
 * pages that is relative must name a file of the book (or, for `../`
 * beyond the book, of the site it is served in, which is not checked),
 * and a `#fragment` an `id` in that page.
 * @param {string} dir where `mdbook build` wrote the book
 * @returns {string[]}
 */
export function brokenLinks(dir) {
  const root = resolve(dir);
  /** @type {string[]} */
  const pages = [];
  const walk = (/** @type {string} */ d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.html')) pages.push(path);
    }
  };
  walk(root);
  /** @type {Map<string, Set<string>>} */
  const ids = new Map();
  const idsOf = (/** @type {string} */ page) => {
    let set = ids.get(page);
    if (!set) {
      set = new Set([...readFileSync(page, 'utf8').matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]));
      ids.set(page, set);
    }
    return set;
  };
  /** @type {string[]} */
  const broken = [];
  for (const page of pages) {
    const html = readFileSync(page, 'utf8')
      // Code shows snippets; their URLs are examples, not links.
      .replace(/<code[\s\S]*?<\/code>/g, '')
      // mdBook's own script writes links it builds at run time.
      .replace(/<script[\s\S]*?<\/script>/g, (s) => (s.includes(' src=') ? s.replace(/>[\s\S]*$/, '>') : ''));
    for (const [, attr, value] of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(value) || value === '') continue;
      const [path, fragment] = value.split('#');
      const target = path ? resolve(dirname(page), decodeURIComponent(path)) : page;
      const where = `${relative(root, page)}: ${attr}="${value}"`;
      if (relative(root, target).startsWith('..')) continue;
      if (!existsSync(target)) broken.push(`${where}: no such file`);
      else if (fragment && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(fragment))) {
        broken.push(`${where}: no id "${fragment}" there`);
      }
    }
  }
  return broken;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args[0] === '--links') {
    if (!args[1]) {
      console.error('usage: node scripts/book.mjs --links DIR');
      process.exit(2);
    }
    const broken = brokenLinks(args[1]);
    for (const b of broken) console.error(b);
    console.log(broken.length ? `${broken.length} broken links` : 'no broken links');
    process.exit(broken.length ? 1 : 0);
  }
  const check = args.includes('--check');
  let stale = 0;
  for (const [path, text] of generated()) {
    const full = join(REPO, path);
    const now = existsSync(full) ? readFileSync(full, 'utf8') : null;
    if (now === text) continue;
    if (check) {
      console.error(`${path} is not what scripts/book.mjs writes: run node scripts/book.mjs`);
      stale++;
    } else {
      writeFileSync(full, text);
      console.log(`wrote ${path}`);
    }
  }
  process.exit(stale ? 1 : 0);
}

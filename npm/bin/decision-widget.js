#!/usr/bin/env node
// @ts-check
// The package's command line, `npx decision-widget`: `check`,
// `import-mermaid` and `export` under Node 20 or later, with the native
// command line's output and exit codes (0 all well, 1 a file with
// problems, 2 misuse).
//
// It runs on the command line's wasm (cli.js and cli_bg.wasm, at the
// package's root: the tools' crate built with its `command-line` feature,
// kept apart from the tools.js that the editor and the widget load): the
// wasm writes what each command prints and how misuse is told, from the
// same Rust the native command line runs (crates/tools/src/cli.rs). This
// file only parses the arguments, with Node's own parser, by the native
// command line's grammar (grammar.json beside it, clap's options and help
// texts, kept current by the native tests), reads the files and prints
// what it is given. `prerender` renders
// the widget natively and is the native command line's alone.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  builtinFlow,
  initSync,
  languageFile,
  runCheck,
  runExport,
  runImportMermaid,
  unreadable,
  usageError,
} from '../cli.js';

/** @typedef {{ stdout: string, stderr: string, code: number }} Output what a command prints, and its exit code */
/** @typedef {{ long: string, shown: string, required: boolean, default: string | null, values: string[] }} OptionGrammar an option that takes a value */
/** @typedef {{ shown: string, required: boolean, many: boolean }} ArgumentGrammar a positional argument */
/**
 * @typedef {object} CommandGrammar a command, as clap knows it
 * @property {string} name its name; empty for the command line itself
 * @property {string} usage its usage line
 * @property {string} help what `-h` prints
 * @property {string} longHelp what `--help` prints
 * @property {OptionGrammar[]} options
 * @property {ArgumentGrammar[]} arguments
 */
/**
 * @typedef {object} Grammar the native command line's grammar (src/cli.rs, `Grammar`)
 * @property {string} version what `--version` prints
 * @property {CommandGrammar} main the command line itself
 * @property {string} noCommand what it prints, on stderr, without a command
 * @property {CommandGrammar[]} commands
 */
/** @typedef {{ text: string } | { kind: string, detail: string }} Read a file's text, or why it could not be read */

const grammar = /** @type {Grammar} */ (JSON.parse(readFileSync(new URL('./grammar.json', import.meta.url), 'utf8')));

let ready = false;

/** Instantiates the command line's wasm, once, before the first call into it. */
function init() {
  if (!ready) initSync({ module: readFileSync(new URL('../cli_bg.wasm', import.meta.url)) });
  ready = true;
}

/** Misuse of a command (`null`: of the command line itself). */
class Misuse {
  /**
   * @param {CommandGrammar} command
   * @param {string} kind a kind of `usageError`
   * @param {string[]} args
   * @param {string[]} [values]
   */
  constructor(command, kind, args, values = []) {
    this.command = command;
    this.kind = kind;
    this.args = args;
    this.values = values;
  }

  /** @returns {Output} */
  output() {
    init();
    return usageError(this.command.name || undefined, this.command.usage, this.kind, this.args, this.values);
  }
}

/** @param {string} text @returns {Output} */
const says = (text) => ({ stdout: text, stderr: '', code: 0 });

/**
 * Runs the command line on `args` (without `node` and the script).
 * @param {string[]} args
 * @returns {Promise<Output>}
 */
async function run(args) {
  const main = grammar.main;
  if (args.length === 0) return { stdout: '', stderr: grammar.noCommand, code: 2 };
  const [first, ...rest] = args;
  if (first.startsWith('-') && first !== '-' && first !== '--') {
    const { tokens } = parseArgs({
      args: [first],
      options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'V' } },
      strict: false,
      tokens: true,
    });
    const [token] = tokens;
    if (token?.kind === 'option' && token.name === 'help') return says(token.rawName === '-h' ? main.help : main.longHelp);
    if (token?.kind === 'option' && token.name === 'version') return says(grammar.version);
    return new Misuse(main, 'unknownOption', [token?.kind === 'option' ? token.rawName : first]).output();
  }
  if (first === '--') {
    return rest.length ? new Misuse(main, 'unexpectedArgument', [rest[0]]).output() : { stdout: '', stderr: grammar.noCommand, code: 2 };
  }
  if (first === 'help') {
    // clap's `help [COMMAND]`: the long help.
    const [name, more] = rest;
    if (name === undefined) return says(main.longHelp);
    const command = grammar.commands.find((c) => c.name === name);
    if (!command) return new Misuse(main, 'unknownCommand', [name]).output();
    if (more !== undefined) return new Misuse(main, 'unknownCommand', [more]).output();
    return says(command.longHelp);
  }
  const command = grammar.commands.find((c) => c.name === first);
  if (!command) return new Misuse(main, 'unknownCommand', [first]).output();
  const parsed = parse(command, rest);
  if (parsed instanceof Misuse) return parsed.output();
  if ('help' in parsed) return says(parsed.help);
  return runCommand(command, parsed.values, parsed.positionals);
}

/**
 * The command's options and arguments in `args`, as clap reads them: each
 * in turn (`--help` prints the help, the first wrong one is the misuse),
 * then what is missing.
 * @param {CommandGrammar} command
 * @param {string[]} args
 * @returns {Misuse | { help: string } | { values: Map<string, string>, positionals: string[][] }}
 */
function parse(command, args) {
  /** @type {Record<string, { type: 'string' } | { type: 'boolean', short: string }>} */
  const options = { help: { type: 'boolean', short: 'h' } };
  for (const option of command.options) options[option.long] = { type: 'string' };
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  /** @type {Map<string, string>} */
  const values = new Map();
  /** @type {string[][]} */
  const positionals = command.arguments.map(() => []);
  let slot = 0;
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      while (slot < positionals.length && !command.arguments[slot].many && positionals[slot].length === 1) slot += 1;
      if (slot >= positionals.length) return new Misuse(command, 'unexpectedArgument', [token.value]);
      positionals[slot].push(token.value);
      continue;
    }
    if (token.name === 'help') return { help: token.rawName === '-h' ? command.help : command.longHelp };
    const option = command.options.find((o) => o.long === token.name);
    if (!option) return new Misuse(command, 'unknownOption', [token.rawName]);
    let value = token.value;
    // Node takes the next argument as the value even when it looks like an
    // option; clap leaves it to be read as one.
    if (value !== undefined && !token.inlineValue && value.startsWith('-') && value !== '-') {
      const [next] = parseArgs({ args: [value], options, strict: false, tokens: true }).tokens;
      const known = next?.kind === 'option' && (next.name === 'help' || command.options.some((o) => o.long === next.name));
      if (!known) return new Misuse(command, 'unknownOption', [next?.kind === 'option' ? next.rawName : value]);
      value = undefined;
    }
    if (value === undefined || (value === '' && option.values.length > 0)) {
      return new Misuse(command, 'missingValue', [option.shown], option.values);
    }
    if (values.has(option.long)) return new Misuse(command, 'repeated', [option.shown]);
    if (option.values.length > 0 && !option.values.includes(value)) {
      return new Misuse(command, 'invalidValue', [option.shown, value], option.values);
    }
    values.set(option.long, value);
  }
  const missing = [
    ...command.options.filter((o) => o.required && !values.has(o.long)).map((o) => o.shown),
    ...command.arguments.filter((a, i) => a.required && positionals[i].length === 0).map((a) => a.shown),
  ];
  if (missing.length > 0) return new Misuse(command, 'missing', missing);
  for (const option of command.options) {
    if (!values.has(option.long) && option.default != null) values.set(option.long, option.default);
  }
  return { values, positionals };
}

/** The standard input, read once, for every `-`. */
/** @type {Promise<Read> | null} */
let stdin = null;

/**
 * The bytes' text, or why they are not text.
 * @param {Uint8Array} bytes
 * @returns {Read}
 */
function decode(bytes) {
  try {
    // Kept as read, a byte order mark too, as the native command line reads it.
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { kind: 'notUtf8', detail: '' };
  }
}

/**
 * Why reading failed, by the kinds the native command line tells apart.
 * @param {unknown} error
 * @returns {Read}
 */
function failure(error) {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  const kind =
    { ENOENT: 'notFound', ENOTDIR: 'notFound', EACCES: 'permissionDenied', EPERM: 'permissionDenied', EISDIR: 'isADirectory' }[code] ??
    'other';
  return { kind, detail: error instanceof Error ? error.message : String(error) };
}

/**
 * The file `name` (`-`: the standard input).
 * @param {string} name
 * @returns {Promise<Read>}
 */
function read(name) {
  if (name === '-') {
    stdin ??= (async () => {
      try {
        /** @type {Buffer[]} */
        const chunks = [];
        for await (const chunk of process.stdin) chunks.push(chunk);
        return decode(Buffer.concat(chunks));
      } catch (error) {
        return failure(error);
      }
    })();
    return stdin;
  }
  try {
    return Promise.resolve(decode(readFileSync(name)));
  } catch (error) {
    return Promise.resolve(failure(error));
  }
}

/**
 * A file of the package (the built-in flow, a language file).
 * @param {string} path relative to the package's root
 */
function packageFile(path) {
  return readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
}

/**
 * Runs a parsed command.
 * @param {CommandGrammar} command
 * @param {Map<string, string>} values its options' values
 * @param {string[][]} positionals its arguments, in order
 * @returns {Promise<Output>}
 */
async function runCommand(command, values, positionals) {
  if (command.name === 'prerender') {
    return {
      stdout: '',
      stderr:
        'decision-widget prerender: rendering the widget into pages takes the native command line ' +
        '(cargo install, see the README); this one checks, imports and exports\n',
      code: 2,
    };
  }
  init();
  if (command.name === 'check') {
    const names = positionals[0];
    // Every file is read first, so that a missing one is misuse before any output.
    const texts = [];
    for (const name of names) {
      const got = await read(name);
      if (!('text' in got)) return unreadable(name, got.kind, got.detail);
      texts.push(got.text);
    }
    return runCheck(names, texts, values.get('format') ?? 'text');
  }
  const name = positionals[0][0];
  if (command.name === 'import-mermaid') {
    const got = await read(name);
    if (!('text' in got)) return unreadable(name, got.kind, got.detail);
    return runImportMermaid(name, got.text, values.get('id'), values.get('title'));
  }
  if (command.name === 'export') {
    const got = name === builtinFlow() ? { text: packageFile(`flows/${name}.json`) } : await read(name);
    if (!('text' in got)) return unreadable(name, got.kind, got.detail);
    const language = languageFile(values.get('lang') ?? 'en');
    const words = language ? JSON.parse(packageFile(`lang/${language}.json`)) : null;
    return runExport(
      name,
      got.text,
      values.get('format') ?? '',
      values.get('answers'),
      values.get('page') ?? '',
      values.get('date') ?? '',
      words,
    );
  }
  throw new Error(`the grammar names a command this command line does not run: ${command.name}`);
}

/**
 * Writes `text` to a stream. As the native command line, it goes on when
 * the stream cannot take it (a pipe into `head` that closed, a full disk):
 * the exit code stays the command's.
 * @param {NodeJS.WriteStream} stream
 * @param {string} text
 */
function write(stream, text) {
  stream.on('error', () => {});
  try {
    if (text) stream.write(text);
  } catch {
    // A file as the stream writes at once, and throws at once.
  }
}

const output = await run(process.argv.slice(2));
write(process.stdout, output.stdout);
write(process.stderr, output.stderr);
process.exitCode = output.code;

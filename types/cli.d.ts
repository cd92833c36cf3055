/* tslint:disable */
/* eslint-disable */

/**
 * `builtinFlow()`: the id of the built-in flow, which `export` takes in
 * place of a file (its file is `flows/<id>.json`).
 */
export function builtinFlow(): string;

/**
 * `checkFlow(text)`: `{ valid, problems: [{ line, column, path, node,
 * message, text }] }`.
 */
export function checkFlow(text: string): any;

/**
 * `explainFlow(text, words)`: each problem of the flow file `text`, with
 * its line, column and node, worded as the widget shows it in place of a
 * flow it cannot show ("Line 3, column 5: question `style`: …"), in the
 * language of `words` (a language file's `{ lang, words }`, or `null` for
 * English). Empty for a valid flow; throws for words that cannot be read.
 */
export function explainFlow(text: string, words: any): string[];

/**
 * `exportDecision(flowText, code, format, options)`: the decision whose
 * share-link code is `code`, in the flow file `flowText`, written as
 * `format` (`markdown`, `json`, `text`, `svg` or `mermaid`), exactly as the
 * command line's `export` writes it, with its own words in the language of
 * `options.words`. Throws for a flow file that is not valid, a language
 * file that cannot be read, or a format it does not know.
 */
export function exportDecision(flow_text: string, code: string, format: string, options: any): string;

/**
 * `importMermaid(text)`: `{ json, problems: [{ line, message }] }`.
 */
export function importMermaid(text: string): any;

/**
 * `languageFile(tag)`: the language whose file (`lang/<code>.json`) holds
 * `export --lang tag`'s words; `undefined` for English and for a language
 * the widget does not speak.
 */
export function languageFile(tag: string): string | undefined;

/**
 * `runCheck(names, texts, format)`: what `decision-widget check` prints
 * for the files named `names` (`-` for the standard input) whose texts are
 * `texts`, in `format` (`text`, `json` or `github`): `{ stdout, stderr,
 * code }`.
 */
export function runCheck(names: string[], texts: string[], format: string): any;

/**
 * `runExport(name, text, format, answers, page, date, words)`: what
 * `decision-widget export` prints for the flow file `name` whose text is
 * `text`, with `--format`, `--answers` (or `undefined`), `--page` and
 * `--date` as given and the words of the language file `languageFile`
 * names (its `{ lang, words }`, or `null` for English): `{ stdout, stderr,
 * code }`.
 */
export function runExport(name: string, text: string, format: string, answers: string | null | undefined, page: string, date: string, words: any): any;

/**
 * `runImportMermaid(name, text, id, title)`: what `decision-widget
 * import-mermaid` prints for the Mermaid file `name` whose text is `text`,
 * with the `--id` and `--title` given (or `undefined`): `{ stdout, stderr,
 * code }`.
 */
export function runImportMermaid(name: string, text: string, id?: string | null, title?: string | null): any;

/**
 * `unreadable(name, kind, detail)`: what the command line prints when the
 * file `name` cannot be read, by the kind of the failure (`notFound`,
 * `permissionDenied`, `isADirectory`, `notUtf8`, else the system's
 * `detail`): `{ stdout, stderr, code }`.
 */
export function unreadable(name: string, kind: string, detail: string): any;

/**
 * `usageError(command, usage, kind, args, values)`: what the command line
 * prints when `command` (`undefined` for none) is misused, with its usage
 * line `usage`. `kind` is `unknownCommand`, `unknownOption` or
 * `unexpectedArgument` (`args`: what was given), `missingValue` (`args`:
 * the option; `values`: those it takes), `invalidValue` (`args`: the
 * option and the value; `values`), `missing` (`args`: what is missing) or
 * `repeated` (`args`: the option): `{ stdout, stderr, code }`.
 */
export function usageError(command: string | null | undefined, usage: string, kind: string, args: string[], values: string[]): any;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly builtinFlow: () => [number, number];
    readonly checkFlow: (a: number, b: number) => [number, number, number];
    readonly explainFlow: (a: number, b: number, c: any) => [number, number, number, number];
    readonly exportDecision: (a: number, b: number, c: number, d: number, e: number, f: number, g: any) => [number, number, number, number];
    readonly importMermaid: (a: number, b: number) => [number, number, number];
    readonly languageFile: (a: number, b: number) => [number, number];
    readonly runCheck: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number, number];
    readonly runExport: (a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number, i: number, j: number, k: number, l: number, m: any) => [number, number, number];
    readonly runImportMermaid: (a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number) => [number, number, number];
    readonly unreadable: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number, number];
    readonly usageError: (a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number, i: number, j: number) => [number, number, number];
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __externref_drop_slice: (a: number, b: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;

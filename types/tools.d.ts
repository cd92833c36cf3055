/* tslint:disable */
/* eslint-disable */

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

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly checkFlow: (a: number, b: number) => [number, number, number];
    readonly explainFlow: (a: number, b: number, c: any) => [number, number, number, number];
    readonly exportDecision: (a: number, b: number, c: number, d: number, e: number, f: number, g: any) => [number, number, number, number];
    readonly importMermaid: (a: number, b: number) => [number, number, number];
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

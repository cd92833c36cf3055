/* tslint:disable */
/* eslint-disable */

/**
 * A mounted widget, owned by the element that mounted it.
 */
export class WidgetHandle {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Unmounts the widget and releases everything it holds. Safe to call
     * more than once.
     */
    destroy(): void;
    /**
     * Sets the reader's answers, as when the host changes the `answers`
     * attribute or calls `setAnswers` on the element.
     *
     * `value` is a share-link code or a whole share link, an object
     * `{question id: "yes" | "no"}`, or `null` / `""` for no answers.
     * `current` is the `answers` object of the widget's last
     * `decision-change` (or `null`). Throws, changing nothing, when `value`
     * cannot be read for this flow.
     *
     * Returns whether a `decision-change` follows: `false` when the widget
     * shows these answers already.
     */
    setAnswers(value: any, current: any): boolean;
    /**
     * Makes share links (and the exports' links to the article's sections)
     * lead to `page` instead of this page's URL, or back to this page's
     * with `null`: the iframe page names the page that embeds it. Throws,
     * changing nothing, unless `page` is an absolute http(s) URL without a
     * user name or password; its fragment is dropped.
     */
    setLinkBase(page?: string | null): void;
    /**
     * Speaks `lang` with `words`, the `words` of its language file
     * (`lang/<lang>.json`, read with `JSON.parse`), or English with `null`;
     * the reader's answers stay. Words that cannot be read leave the
     * widget as it is and throw.
     */
    setWords(lang: string | null | undefined, words: any): void;
    /**
     * The language the widget speaks, a BCP 47 tag (`en` for English).
     */
    readonly lang: string;
    /**
     * The element the widget renders into (see [`mount`]).
     */
    readonly root: Element;
}

/**
 * Mounts a widget into `root`, sending its events to `host`.
 *
 * `options` are [`MountOptions`]: the flow file's `text` (or the `error`
 * that kept it from being fetched) and what the widget opens with. When
 * `root` holds the widget prerendered by `decision-widget prerender`
 * (`data-prerendered`), it is taken over if this build can hydrate and the
 * markup is of this build's sources, this flow file, this language and
 * this `source`; otherwise a fresh element takes its place (see
 * [`WidgetHandle::root`]). A flow that cannot be shown sends
 * `decision-error`, after asking the `explainer` for each problem. Throws
 * only when the options or the link base cannot be read.
 */
export function mount(host: Element, root: Element, options: any): WidgetHandle;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly __wbg_widgethandle_free: (a: number, b: number) => void;
    readonly mount: (a: any, b: any, c: any) => [number, number, number];
    readonly widgethandle_destroy: (a: number) => void;
    readonly widgethandle_lang: (a: number) => [number, number];
    readonly widgethandle_root: (a: number) => any;
    readonly widgethandle_setAnswers: (a: number, b: any, c: any) => [number, number, number];
    readonly widgethandle_setLinkBase: (a: number, b: number, c: number) => [number, number];
    readonly widgethandle_setWords: (a: number, b: number, c: number, d: any) => [number, number];
    readonly wasm_bindgen_8bb3b887a467e7cf___convert__closures_____invoke___wasm_bindgen_8bb3b887a467e7cf___JsValue__core_3fb40710bcaa803f___result__Result_____wasm_bindgen_8bb3b887a467e7cf___JsError___true_: (a: number, b: number, c: any) => [number, number];
    readonly wasm_bindgen_8bb3b887a467e7cf___convert__closures________invoke___web_sys_ec6fcca736f8fffc___features__gen_Event__Event______true_: (a: number, b: number, c: any) => void;
    readonly wasm_bindgen_8bb3b887a467e7cf___convert__closures________invoke___web_sys_ec6fcca736f8fffc___features__gen_Event__Event______true__1_: (a: number, b: number, c: any) => void;
    readonly wasm_bindgen_8bb3b887a467e7cf___convert__closures_____invoke___wasm_bindgen_8bb3b887a467e7cf___JsValue______true_: (a: number, b: number, c: any) => void;
    readonly wasm_bindgen_8bb3b887a467e7cf___convert__closures_____invoke_______true_: (a: number, b: number) => void;
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __externref_drop_slice: (a: number, b: number) => void;
    readonly __wbindgen_destroy_closure: (a: number, b: number) => void;
    readonly __externref_table_dealloc: (a: number) => void;
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

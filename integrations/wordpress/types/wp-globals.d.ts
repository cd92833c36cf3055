// What the WordPress plugin's block editor script
// (integrations/wordpress/block/edit.js) uses of WordPress's own packages,
// which reach it as the `wp.*` globals named in edit.asset.php, and of the
// settings the plugin prints before it (window.decisionWidgetEditor).
// WordPress ships no declarations with its globals; these follow its
// documentation for WordPress 6.1 and name only what the script calls.

/** What a component returns: WordPress's React element. */
type WpElement = object | null;
/** A component, as the script uses them: props in, an element out. */
type WpComponent = (props: any) => WpElement;
/** A child of an element. */
type WpChild = WpElement | string | number | false | null | undefined | WpChild[];

interface WpBlockEditProps<A> {
  attributes: A;
  setAttributes(attributes: Partial<A>): void;
}

interface Wp {
  blocks: {
    registerBlockType<A>(name: string, settings: { edit: (props: WpBlockEditProps<A>) => WpElement; save: () => null }): unknown;
  };
  element: {
    createElement(type: string | WpComponent, props?: Record<string, unknown> | null, ...children: WpChild[]): WpElement;
    Fragment: WpComponent;
    useEffect(effect: () => void | (() => void), deps?: readonly unknown[]): void;
    useMemo<T>(factory: () => T, deps: readonly unknown[]): T;
    useRef<T>(initial: T): { current: T };
    useState<T>(initial: T): [T, (value: T) => void];
  };
  blockEditor: {
    InspectorControls: WpComponent;
    useBlockProps(props?: Record<string, unknown>): Record<string, unknown>;
  };
  components: Record<'Button' | 'PanelBody' | 'Placeholder' | 'RadioControl' | 'SelectControl' | 'TextControl' | 'TextareaControl', WpComponent>;
  i18n: {
    __(text: string, domain: string): string;
    _n(single: string, plural: string, count: number, domain: string): string;
    sprintf(format: string, ...args: (string | number)[]): string;
  };
}

/** What the plugin tells its editor script (decision_widget_editor_data() in includes/assets.php). */
interface DecisionWidgetEditorConfig {
  /** The URL of the plugin's embed.js. */
  embed: string;
  /** The URL of the plugin's tools.js. */
  tools: string;
  /** The built-in flow's id. */
  builtin: string;
  /** The flows the plugin ships. */
  flows: { id: string; title: string; url: string }[];
  /** The languages the widget speaks. */
  langs: string[];
}

interface Window {
  wp: Wp;
  decisionWidgetEditor: DecisionWidgetEditorConfig;
}

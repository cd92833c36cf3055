// The "Decision flowchart" block in the block editor: the settings in the
// inspector (a flow shipped with the plugin, a flow file's URL, or a flow
// written in the block, JSON or Mermaid, checked as the author types, the
// problems listed by line and node; theme and language) and the live
// widget on the canvas. The page itself is rendered by render.php.
//
// Plain JavaScript over WordPress's own packages (the wp.* globals named
// in edit.asset.php), so the plugin needs no build step. Checking and the
// Mermaid import run in the widget's tools (tools.js and tools_bg.wasm,
// shipped in the plugin's widget/ folder), the same checker as the flow
// editor page and the command line.

( function ( wp, config ) {
	'use strict';

	const { registerBlockType } = wp.blocks;
	const { createElement: el, Fragment, useEffect, useMemo, useRef, useState } = wp.element;
	const { InspectorControls, useBlockProps } = wp.blockEditor;
	const { Button, PanelBody, Placeholder, RadioControl, SelectControl, TextControl, TextareaControl } = wp.components;
	const { __, _n, sprintf } = wp.i18n;

	/** Pause in typing before the flow is checked (ms). */
	const CHECK_DELAY = 300;
	/** A Mermaid flowchart: `flowchart` or `graph` first, after any `%%` comments. */
	const MERMAID = /^\s*(?:%%[^\n]*(?:\n\s*|$))*(?:flowchart|graph)\b/;

	/**
	 * @typedef {import('../../../types/tools.js')} Tools the widget's tools (tools.js)
	 * @typedef {{ line?: number | null, column?: number | null, node?: string | null, message: string }} Problem
	 *   a problem of the flow, as checkFlow and importMermaid give them
	 * @typedef {{ mode: 'json' | 'mermaid', valid: boolean, problems: Problem[], imported: string | null, failed?: boolean }} Verdict
	 *   what the checker says of the flow written in the block
	 * @typedef {{ source: 'builtin' | 'url' | 'inline', flow: string, flowUrl: string, inlineFlow: string, theme: string, lang: string }} Attributes
	 *   the block's attributes (block.json)
	 */

	// -----------------------------------------------------------------------
	// The stored text. WordPress runs a block's string attributes through
	// kses when a user without `unfiltered_html` (an Author, a Contributor)
	// saves, which would drop whatever looks like a tag in a flow's texts.
	// The block therefore stores the flow with `&`, `<` and `>` as entities
	// kses leaves alone; render.php reads it back (decision_widget_inline_text).

	/** @param {string} text */
	const toStored = ( text ) => text.replace( /&/g, '&amp;' ).replace( /</g, '&lt;' ).replace( />/g, '&gt;' );
	/** @type {Record<string, string>} */
	const ENTITIES = { amp: '&', lt: '<', gt: '>' };
	/** @param {string} stored */
	const fromStored = ( stored ) => String( stored || '' ).replace( /&(amp|lt|gt);/g, ( _, /** @type {string} */ name ) => ENTITIES[ name ] );

	// -----------------------------------------------------------------------
	// The tools and the element, loaded once per editor.

	/** @type {Promise<Tools> | null} */
	let tools = null;
	/**
	 * The tools module, its wasm instantiated.
	 *
	 * @return {Promise<Tools>} The module.
	 */
	function loadTools() {
		if ( ! tools ) {
			tools = import( config.tools ).then( async ( /** @type {Tools} */ module ) => {
				await module.default( { module_or_path: new URL( 'tools_bg.wasm', config.tools ) } );
				return module;
			} );
			tools.catch( () => ( tools = null ) );
		}
		return tools;
	}

	/**
	 * Defines <decision-widget> in the document that holds `node`: this
	 * page's, or the editor canvas's own when WordPress draws it in an iframe.
	 *
	 * @param {Element} node
	 */
	function defineElementFor( node ) {
		const doc = node.ownerDocument;
		const view = doc.defaultView;
		if ( ! view || view.customElements.get( 'decision-widget' ) ) {
			return;
		}
		if ( doc === document ) {
			import( config.embed ).catch( ( error ) => console.error( 'decision-widget:', error ) );
			return;
		}
		if ( doc.querySelector( 'script[data-decision-widget]' ) ) {
			return;
		}
		const script = doc.createElement( 'script' );
		script.type = 'module';
		script.src = config.embed;
		script.dataset.decisionWidget = '';
		doc.head.append( script );
	}

	/**
	 * The verdict on the flow source `text`.
	 *
	 * @param {Tools} module The tools.
	 * @param {string} text
	 * @return {Verdict} The verdict.
	 */
	function verdict( module, text ) {
		if ( text.trim() === '' ) {
			return { mode: 'json', valid: false, problems: [], imported: null };
		}
		if ( MERMAID.test( text ) ) {
			const result = module.importMermaid( text );
			return { mode: 'mermaid', valid: false, problems: result.problems || [], imported: result.json || null };
		}
		const report = module.checkFlow( text );
		return { mode: 'json', valid: report.valid, problems: report.problems || [], imported: null };
	}

	/**
	 * The place in `text` where line `line` (from 1), column `column` (from 1) starts.
	 *
	 * @param {string} text
	 * @param {number} line
	 * @param {number | null | undefined} column
	 */
	function offsetOf( text, line, column ) {
		let offset = 0;
		for ( let i = 1; i < line; i++ ) {
			const next = text.indexOf( '\n', offset );
			if ( next < 0 ) {
				return text.length;
			}
			offset = next + 1;
		}
		return Math.min( text.length, offset + Math.max( 0, ( column || 1 ) - 1 ) );
	}

	/**
	 * `text` with its `code` spans as <code> elements.
	 *
	 * @param {string} text
	 */
	function withCode( text ) {
		return String( text ).split( '`' ).map( ( part, i ) => ( i % 2 ? el( 'code', { key: i }, part ) : part ) );
	}

	/**
	 * A language's name in the editor's language, or the code.
	 *
	 * @param {string} code
	 */
	function languageName( code ) {
		try {
			return new Intl.DisplayNames( [ document.documentElement.lang || 'en' ], { type: 'language' } ).of( code ) || code;
		} catch {
			return code;
		}
	}

	// -----------------------------------------------------------------------
	// The inspector: the flow written in the block.

	/**
	 * The flow source, its verdict and its problems.
	 *
	 * @param {{ text: string, onChange: (text: string) => void, check: Verdict | null }} props
	 */
	function InlineFlow( { text, onChange, check } ) {
		const box = useRef( /** @type {HTMLDivElement | null} */ ( null ) );
		const pasted = useRef( false );

		// A pasted Mermaid flowchart becomes a flow at once; one typed by hand
		// waits for the button, so it does not turn into JSON halfway through.
		useEffect( () => {
			if ( ! check ) {
				return;
			}
			const wasPasted = pasted.current;
			pasted.current = false;
			if ( wasPasted && check.mode === 'mermaid' && check.imported ) {
				onChange( check.imported );
			}
		}, [ check ] );

		/** @param {Problem} problem */
		function goTo( problem ) {
			const area = box.current && box.current.querySelector( 'textarea' );
			if ( ! area || ! problem.line ) {
				return;
			}
			const at = offsetOf( text, problem.line, problem.column );
			area.focus();
			area.setSelectionRange( at, at );
		}

		let summary;
		if ( ! check ) {
			summary = __( 'Checking…', 'decision-widget' );
		} else if ( check.failed ) {
			summary = __( 'The flow checker could not load, so the flow is not checked. Reload the editor to try again.', 'decision-widget' );
		} else if ( text.trim() === '' ) {
			summary = __( 'Write or paste a flow (JSON), or a Mermaid flowchart to import.', 'decision-widget' );
		} else if ( check.mode === 'mermaid' ) {
			summary = check.imported
				? __( 'A Mermaid flowchart with no problems: Import Mermaid turns it into a flow.', 'decision-widget' )
				: sprintf( _n( '%d problem in the Mermaid flowchart', '%d problems in the Mermaid flowchart', check.problems.length, 'decision-widget' ), check.problems.length );
		} else {
			summary = check.problems.length
				? sprintf( _n( '%d problem', '%d problems', check.problems.length, 'decision-widget' ), check.problems.length )
				: __( 'No problems', 'decision-widget' );
		}

		const problems = check && ! check.failed ? check.problems : [];
		return el(
			'div',
			{ ref: box, className: 'decision-widget-inline' },
			el( TextareaControl, {
				label: __( 'Flow source', 'decision-widget' ),
				help: __( 'A flow file (JSON, format 1 or 2), or a Mermaid flowchart to import.', 'decision-widget' ),
				className: 'decision-widget-source',
				rows: 14,
				spellCheck: false,
				value: text,
				onChange,
				onPaste: () => ( pasted.current = true ),
			} ),
			el( 'p', { className: 'decision-widget-summary' + ( problems.length ? ' has-problems' : '' ), role: 'status' }, summary ),
			problems.length > 0 &&
				el(
					'ul',
					{ className: 'decision-widget-problems', 'aria-label': __( 'Problems', 'decision-widget' ) },
					problems.map( ( /** @type {Problem} */ problem, /** @type {number} */ i ) =>
						el(
							'li',
							{ key: i },
							el(
								Button,
								{ variant: 'link', className: 'decision-widget-problem', onClick: () => goTo( problem ), disabled: ! problem.line },
								el(
									'span',
									{ className: 'decision-widget-problem-line' },
									problem.line
										? sprintf( __( 'Line %d', 'decision-widget' ), problem.line )
										: __( 'Whole flow', 'decision-widget' )
								),
								' ',
								problem.node && el( 'span', { className: 'decision-widget-problem-node' }, withCode( problem.node ), ': ' ),
								withCode( problem.message )
							)
						)
					)
				),
			check && check.mode === 'mermaid' && check.imported &&
				el( Button, { variant: 'secondary', onClick: () => check.imported && onChange( check.imported ) }, __( 'Import Mermaid', 'decision-widget' ) ),
			text.trim() === '' &&
				el(
					Button,
					{
						variant: 'secondary',
						onClick: () =>
							fetch( config.flows.find( ( f ) => f.id === config.builtin )?.url ?? config.embed.replace( /embed\.js$/, `flows/${ config.builtin }.json` ) )
								.then( ( response ) => response.text() )
								.then( onChange, ( error ) => console.error( 'decision-widget:', error ) ),
					},
					__( 'Start from the built-in flow', 'decision-widget' )
				)
		);
	}

	// -----------------------------------------------------------------------
	// The block.

	/**
	 * The block in the editor: its settings and the live widget.
	 *
	 * @param {WpBlockEditProps<Attributes>} props
	 */
	function Edit( { attributes, setAttributes } ) {
		const { source, flow, flowUrl, inlineFlow, theme, lang } = attributes;
		const text = useMemo( () => fromStored( inlineFlow ), [ inlineFlow ] );
		const [ check, setCheck ] = useState( /** @type {Verdict | null} */ ( null ) );
		const [ draft, setDraft ] = useState( /** @type {string | null} */ ( null ) );
		const widget = useRef( /** @type {HTMLElement | null} */ ( null ) );

		// The flow written in the block, checked after a pause in typing.
		useEffect( () => {
			if ( source !== 'inline' ) {
				return undefined;
			}
			let current = true;
			const timer = setTimeout( () => {
				loadTools().then(
					( module ) => current && setCheck( verdict( module, text ) ),
					( /** @type {unknown} */ error ) => {
						console.error( 'decision-widget:', error );
						if ( current ) {
							setCheck( { mode: 'json', valid: false, problems: [], imported: null, failed: true } );
						}
					}
				);
			}, check ? CHECK_DELAY : 0 );
			return () => {
				current = false;
				clearTimeout( timer );
			};
		}, [ source, text ] );

		// The canvas shows the last valid flow written in the block, handed to
		// the widget as a blob: URL of its text.
		useEffect( () => {
			if ( ! check || ! check.valid ) {
				return undefined;
			}
			const url = URL.createObjectURL( new Blob( [ text ], { type: 'application/json' } ) );
			setDraft( url );
			// The widget reads its flow once; the URL is let go a while after it is replaced.
			return () => {
				setTimeout( () => URL.revokeObjectURL( url ), 60000 );
			};
		}, [ check ] );

		let flowAttribute = null;
		if ( source === 'builtin' ) {
			const shipped = config.flows.find( ( f ) => f.id === flow );
			flowAttribute = flow === config.builtin ? flow : shipped ? shipped.url : null;
		} else if ( source === 'url' ) {
			flowAttribute = flowUrl.trim() || null;
		} else {
			flowAttribute = draft;
		}

		useEffect( () => {
			if ( widget.current ) {
				defineElementFor( widget.current );
			}
		}, [ flowAttribute ] );

		const blockProps = useBlockProps( { className: 'decision-widget-block' } );
		const outdated = source === 'inline' && draft && check && ! check.valid;
		const canvas = flowAttribute
			? el(
					Fragment,
					null,
					outdated &&
						el(
							'p',
							{ className: 'decision-widget-outdated' },
							__( 'Showing the last valid version of the flow. Fix the problems listed in the block\'s settings to see your changes.', 'decision-widget' )
						),
					el( 'decision-widget', { ref: widget, flow: flowAttribute, theme, lang: lang || undefined } )
			  )
			: el( Placeholder, {
					icon: 'networking',
					label: __( 'Decision flowchart', 'decision-widget' ),
					instructions:
						source === 'url'
							? __( 'Give the URL of a flow file in the block\'s settings.', 'decision-widget' )
							: __( 'Write or paste a flow in the block\'s settings; the widget appears here once it has no problems.', 'decision-widget' ),
			  } );

		const sources = [
			{ value: 'builtin', label: __( 'A flow that comes with the plugin', 'decision-widget' ) },
			{ value: 'url', label: __( 'A flow file at a URL', 'decision-widget' ) },
			{ value: 'inline', label: __( 'A flow written here (JSON or Mermaid)', 'decision-widget' ) },
		];
		return el(
			Fragment,
			null,
			el(
				InspectorControls,
				null,
				el(
					PanelBody,
					{ title: __( 'Flow', 'decision-widget' ) },
					el( RadioControl, {
						label: __( 'Show', 'decision-widget' ),
						selected: source,
						options: sources,
						onChange: ( /** @type {Attributes['source']} */ value ) => setAttributes( { source: value } ),
					} ),
					source === 'builtin' &&
						el( SelectControl, {
							label: __( 'Flow', 'decision-widget' ),
							value: flow,
							options: config.flows.map( ( f ) => ( { value: f.id, label: f.title } ) ),
							onChange: ( /** @type {string} */ value ) => setAttributes( { flow: value } ),
						} ),
					source === 'url' &&
						el( TextControl, {
							label: __( 'Flow file URL', 'decision-widget' ),
							help: __( 'A flow file (JSON) on this site, or on a site that allows others to load it (CORS).', 'decision-widget' ),
							type: 'url',
							value: flowUrl,
							onChange: ( /** @type {string} */ value ) => setAttributes( { flowUrl: value } ),
						} ),
					source === 'inline' &&
						el( InlineFlow, { text, check, onChange: ( /** @type {string} */ value ) => setAttributes( { inlineFlow: toStored( value ) } ) } )
				),
				el(
					PanelBody,
					{ title: __( 'Appearance', 'decision-widget' ) },
					el( SelectControl, {
						label: __( 'Theme', 'decision-widget' ),
						value: theme,
						options: [
							{ value: 'auto', label: __( 'Auto (the reader\'s light or dark setting)', 'decision-widget' ) },
							{ value: 'light', label: __( 'Light', 'decision-widget' ) },
							{ value: 'dark', label: __( 'Dark', 'decision-widget' ) },
						],
						onChange: ( /** @type {string} */ value ) => setAttributes( { theme: value } ),
					} ),
					el( SelectControl, {
						label: __( 'Language', 'decision-widget' ),
						help: __( 'Of the widget\'s own words (buttons, messages). By default the flow\'s language, else the page\'s.', 'decision-widget' ),
						value: lang,
						options: [ { value: '', label: __( 'Automatic', 'decision-widget' ) } ].concat(
							config.langs.map( ( code ) => ( { value: code, label: languageName( code ) } ) )
						),
						onChange: ( /** @type {string} */ value ) => setAttributes( { lang: value } ),
					} )
				)
			),
			el( 'div', blockProps, canvas )
		);
	}

	registerBlockType( 'decision-widget/flowchart', {
		edit: Edit,
		// Rendered on the server (render.php): the post stores only the block's comment.
		save: () => null,
	} );
} )( window.wp, window.decisionWidgetEditor );

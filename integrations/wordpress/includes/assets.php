<?php
/**
 * The widget's files and scripts: where they are (the plugin's own widget/
 * folder, or the CDN base URL set under Settings → Decision Widget), the
 * widget's module script, enqueued only for pages that show a widget, and
 * what the block editor's script needs to know.
 *
 * @package DecisionWidget
 */

defined( 'ABSPATH' ) || exit;

/** The handle of the widget's module script (embed.js). */
const DECISION_WIDGET_SCRIPT = 'decision-widget';

/**
 * The folder that holds the widget's files inside the plugin.
 *
 * @return string An absolute path ending in a slash.
 */
function decision_widget_files_dir() {
	return plugin_dir_path( DECISION_WIDGET_FILE ) . 'widget/';
}

/**
 * Where pages load the widget's files from: the CDN base URL when one is
 * set, else the plugin's own widget/ folder.
 *
 * @return string A URL ending in a slash.
 */
function decision_widget_files_url() {
	$base = decision_widget_cdn_base();
	return '' !== $base ? $base : plugins_url( 'widget/', DECISION_WIDGET_FILE );
}

/**
 * Registers embed.js as a module: with WordPress's script modules where
 * the site has them (6.5 and later), else as a script whose tag says
 * `type="module"`. embed.js finds every other file beside its own URL.
 */
function decision_widget_register_script() {
	$src = decision_widget_files_url() . 'embed.js';
	if ( function_exists( 'wp_register_script_module' ) ) {
		wp_register_script_module( DECISION_WIDGET_SCRIPT, $src, array(), DECISION_WIDGET_VERSION );
		return;
	}
	// In the footer for classic themes, whose content renders after the head.
	wp_register_script( DECISION_WIDGET_SCRIPT, $src, array(), DECISION_WIDGET_VERSION, true );
	add_filter( 'script_loader_tag', 'decision_widget_module_tag', 10, 3 );
}

/**
 * Writes the widget's script tag as a module script (before script modules).
 *
 * @param string $tag    The tag WordPress wrote.
 * @param string $handle The script's handle.
 * @param string $src    The script's URL.
 * @return string
 */
function decision_widget_module_tag( $tag, $handle, $src ) {
	if ( DECISION_WIDGET_SCRIPT !== $handle ) {
		return $tag;
	}
	return wp_get_script_tag(
		array(
			'type' => 'module',
			'src'  => $src,
			'id'   => $handle . '-js',
		)
	);
}

/** Enqueues the widget's module script for this page (once, however many widgets it shows). */
function decision_widget_enqueue() {
	if ( function_exists( 'wp_enqueue_script_module' ) ) {
		wp_enqueue_script_module( DECISION_WIDGET_SCRIPT );
	} else {
		wp_enqueue_script( DECISION_WIDGET_SCRIPT );
	}
}

add_action( 'enqueue_block_editor_assets', 'decision_widget_editor_data' );

/**
 * Tells the block's editor script where the widget and its tools are and
 * which flows the plugin ships. The editor always uses the plugin's own
 * copy: the checker runs in the author's browser, from this site.
 */
function decision_widget_editor_data() {
	$own   = plugins_url( 'widget/', DECISION_WIDGET_FILE );
	$flows = array();
	foreach ( decision_widget_shipped_flows() as $id => $title ) {
		$flows[] = array(
			'id'    => $id,
			'title' => $title,
			'url'   => $own . 'flows/' . $id . '.json',
		);
	}
	$data   = array(
		'embed'   => $own . 'embed.js',
		'tools'   => $own . 'tools.js',
		'builtin' => DECISION_WIDGET_BUILTIN_FLOW,
		'flows'   => $flows,
		'langs'   => decision_widget_languages(),
	);
	$handle = generate_block_asset_handle( 'decision-widget/flowchart', 'editorScript' );
	wp_set_script_translations( $handle, 'decision-widget' );
	wp_add_inline_script(
		$handle,
		'window.decisionWidgetEditor = ' . wp_json_encode( $data, JSON_UNESCAPED_SLASHES | JSON_HEX_TAG | JSON_HEX_AMP ) . ';',
		'before'
	);
}

/**
 * The languages the widget speaks: English, built in, and one file per
 * other language in widget/lang/.
 *
 * @return string[] Language codes.
 */
function decision_widget_languages() {
	$langs = array( 'en' );
	foreach ( (array) glob( decision_widget_files_dir() . 'lang/*.json' ) as $file ) {
		$code = basename( $file, '.json' );
		if ( preg_match( '/^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/', $code ) ) {
			$langs[] = $code;
		}
	}
	return $langs;
}

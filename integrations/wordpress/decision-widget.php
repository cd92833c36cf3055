<?php
/**
 * Plugin Name:       Decision Widget
 * Description:       Interactive decision flowcharts in posts and pages: a "Decision flowchart" block and a [decision-widget] shortcode. Readers answer a few questions, see their path through the whole chart and take the result away as a link. The widget's files come with the plugin.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            The decision-widget authors
 * License:           MIT OR Apache-2.0
 * Text Domain:       decision-widget
 *
 * @package DecisionWidget
 */

defined( 'ABSPATH' ) || exit;

/** The plugin's version; the packaging script writes the package's version here and in the header. */
define( 'DECISION_WIDGET_VERSION', '0.1.0' );
/** This file, for plugins_url() and the activation hooks. */
define( 'DECISION_WIDGET_FILE', __FILE__ );

require_once __DIR__ . '/includes/element.php';
require_once __DIR__ . '/includes/assets.php';
require_once __DIR__ . '/includes/settings.php';
require_once __DIR__ . '/includes/shortcode.php';

add_action( 'init', 'decision_widget_register' );

/**
 * Registers the block (its attributes, editor script and server rendering
 * come from block/block.json), the shortcode and the widget's script.
 */
function decision_widget_register() {
	decision_widget_register_script();
	register_block_type( __DIR__ . '/block' );
	add_shortcode( 'decision-widget', 'decision_widget_shortcode' );
	decision_widget_register_setting();
}

<?php
/**
 * The shortcode, for the classic editor, widget areas and anywhere else
 * WordPress expands shortcodes:
 *
 *     [decision-widget]
 *     [decision-widget flow="data-pipeline-schedule" lang="de" theme="dark"]
 *     [decision-widget flow="https://example.com/flows/my-flow.json"]
 *
 * `flow` is a flow the plugin ships (by id; the built-in flow when left
 * out) or the URL of a flow file. A flow written out in full belongs in the
 * block: the classic editor's formatting (curly quotes, paragraphs) would
 * change its text.
 *
 * @package DecisionWidget
 */

defined( 'ABSPATH' ) || exit;

/**
 * Expands [decision-widget].
 *
 * @param array|string $atts The shortcode's attributes ('' when it has none).
 * @return string
 */
function decision_widget_shortcode( $atts ) {
	$atts = shortcode_atts(
		array(
			'flow'  => DECISION_WIDGET_BUILTIN_FLOW,
			'lang'  => '',
			'theme' => 'auto',
		),
		$atts,
		'decision-widget'
	);
	$flow = trim( (string) $atts['flow'] );
	// A URL has a slash, a dot or a colon; an id has none (as the element reads it).
	$is_url = 1 === preg_match( '/[\/.:]/', $flow );
	return decision_widget_element(
		decision_widget_options(
			array(
				'source'  => $is_url ? 'url' : 'builtin',
				'flow'    => $is_url ? null : ( '' === $flow ? DECISION_WIDGET_BUILTIN_FLOW : $flow ),
				'flowUrl' => $is_url ? $flow : null,
				'lang'    => $atts['lang'],
				'theme'   => $atts['theme'],
			)
		),
		'class="decision-widget-shortcode"'
	);
}

<?php
/**
 * The <decision-widget> element as the block and the shortcode write it:
 * what a stored block's attributes or a shortcode's may hold, checked
 * here on every render, and the markup.
 *
 * @package DecisionWidget
 */

defined( 'ABSPATH' ) || exit;

/** The flow the widget has built in (its flows/<id>.json is always shipped). */
const DECISION_WIDGET_BUILTIN_FLOW = 'rag-vs-fine-tuning';

/** The element's themes. */
const DECISION_WIDGET_THEMES = array( 'auto', 'light', 'dark' );

/**
 * The largest inline flow kept, in bytes: the widget refuses flow files of
 * more than a million characters, and a flow of 500 nodes is well under it.
 */
const DECISION_WIDGET_MAX_INLINE = 1000000;

/**
 * Whether `$id` is a flow id as the widget spells them (lower-case letters
 * and digits in groups joined by single hyphens).
 *
 * @param mixed $id The value to check.
 * @return bool
 */
function decision_widget_is_flow_id( $id ) {
	return is_string( $id ) && 1 === preg_match( '/^[a-z0-9]+(?:-[a-z0-9]+)*$/', $id );
}

/**
 * The flows shipped in the plugin's widget/flows/ folder, by id, each with
 * its title (read from the file once per request).
 *
 * @return array<string, string> Titles by flow id.
 */
function decision_widget_shipped_flows() {
	static $flows = null;
	if ( null !== $flows ) {
		return $flows;
	}
	$flows = array();
	foreach ( (array) glob( decision_widget_files_dir() . 'flows/*.json' ) as $file ) {
		$id = basename( $file, '.json' );
		if ( ! decision_widget_is_flow_id( $id ) ) {
			continue;
		}
		// A local file of the plugin's own; WP_Filesystem is for writing.
		// phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
		$flow         = json_decode( (string) file_get_contents( $file ), true );
		$flows[ $id ] = is_array( $flow ) && isset( $flow['title'] ) && is_string( $flow['title'] ) ? $flow['title'] : $id;
	}
	return $flows;
}

/**
 * The element's options from a stored block's attributes (or a
 * shortcode's, turned into the same keys), each checked: anything else is
 * dropped, so what reaches the page is one of the forms below.
 *
 * - `flow`: a flow id shipped with the plugin (the default: the built-in flow);
 * - `flowUrl`: an http(s) or site-relative URL of a flow file, when `source` is `url`;
 * - `inlineFlow`: the flow file's text, HTML-escaped, when `source` is `inline`
 *   (see decision_widget_inline_text());
 * - `theme`: auto, light or dark; `lang`: a BCP 47 tag.
 *
 * @param array $attributes Raw attributes.
 * @return array{flow: ?string, url: ?string, inline: ?string, theme: string, lang: ?string, problem: ?string}
 */
function decision_widget_options( $attributes ) {
	$attributes = is_array( $attributes ) ? $attributes : array();
	$source     = isset( $attributes['source'] ) && in_array( $attributes['source'], array( 'builtin', 'url', 'inline' ), true ) ? $attributes['source'] : 'builtin';
	$options    = array(
		'flow'    => null,
		'url'     => null,
		'inline'  => null,
		'theme'   => isset( $attributes['theme'] ) && in_array( $attributes['theme'], DECISION_WIDGET_THEMES, true ) ? $attributes['theme'] : 'auto',
		'lang'    => isset( $attributes['lang'] ) && is_string( $attributes['lang'] ) && preg_match( '/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/', $attributes['lang'] ) ? $attributes['lang'] : null,
		'problem' => null,
	);
	if ( 'url' === $source ) {
		$url = isset( $attributes['flowUrl'] ) && is_string( $attributes['flowUrl'] ) ? trim( $attributes['flowUrl'] ) : '';
		// Only the web's own schemes; a path is on this site.
		$url = '' === $url ? '' : esc_url_raw( $url, array( 'http', 'https' ) );
		if ( '' === $url ) {
			$options['problem'] = __( 'The block names no flow file URL (http or https).', 'decision-widget' );
		}
		$options['url'] = $url;
	} elseif ( 'inline' === $source ) {
		$text = decision_widget_inline_text( isset( $attributes['inlineFlow'] ) ? $attributes['inlineFlow'] : '' );
		if ( null === $text ) {
			$options['problem'] = __( 'The block\'s flow is empty or too large.', 'decision-widget' );
		}
		$options['inline'] = $text;
	} else {
		$id = isset( $attributes['flow'] ) ? $attributes['flow'] : DECISION_WIDGET_BUILTIN_FLOW;
		if ( ! decision_widget_is_flow_id( $id ) || ! array_key_exists( $id, decision_widget_shipped_flows() ) ) {
			/* translators: %s: the flow id the block names. */
			$options['problem'] = sprintf( __( 'The plugin ships no flow named "%s".', 'decision-widget' ), is_string( $id ) ? $id : '' );
			$id                 = null;
		}
		$options['flow'] = $id;
	}
	return $options;
}

/**
 * The flow file's text from a stored `inlineFlow` attribute, or null when
 * there is none (or it is larger than the widget reads).
 *
 * The block stores the text with `&`, `<` and `>` written as `&amp;`,
 * `&lt;` and `&gt;`. For a user without the `unfiltered_html` capability
 * (Authors, Contributors), WordPress runs every string attribute of a
 * block through kses when the post is saved, which would drop anything in
 * a flow's texts that looks like a tag; escaped, the text has no `<` or
 * `>` and only the entities kses keeps as they are, so it is stored
 * exactly as the author wrote it, whatever their role.
 *
 * @param mixed $stored The attribute as stored.
 * @return string|null
 */
function decision_widget_inline_text( $stored ) {
	if ( ! is_string( $stored ) || strlen( $stored ) > DECISION_WIDGET_MAX_INLINE * 5 ) {
		return null;
	}
	$text = wp_check_invalid_utf8( htmlspecialchars_decode( $stored, ENT_NOQUOTES ) );
	if ( '' === trim( $text ) || strlen( $text ) > DECISION_WIDGET_MAX_INLINE ) {
		return null;
	}
	return $text;
}

/**
 * A flow file's text, made safe to stand inside <script type="application/json">:
 * a flow that is valid JSON goes through json_decode() and wp_json_encode()
 * with `<`, `>` and `&` written as \u escapes (so neither `</script>` nor
 * `<!--` can appear) and U+2028/U+2029 escaped; every value stays as the
 * author wrote it. A text that is not valid JSON is escaped the same way,
 * character by character, so the widget can name its problem by line.
 *
 * @param string $text The flow file's text.
 * @return string
 */
function decision_widget_script_json( $text ) {
	$flow = json_decode( $text );
	if ( is_object( $flow ) ) {
		$json = wp_json_encode( $flow, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_HEX_TAG | JSON_HEX_AMP );
		if ( is_string( $json ) ) {
			return $json;
		}
	}
	return strtr(
		$text,
		array(
			'<'        => '\u003C',
			'>'        => '\u003E',
			'&'        => '\u0026',
			"\u{2028}" => '\u2028',
			"\u{2029}" => '\u2029',
		)
	);
}

/**
 * The element's markup for checked `$options` (see decision_widget_options()),
 * and the widget's script enqueued for this page. `$wrapper` is extra
 * attributes already escaped (the block's class names).
 *
 * @param array  $options Checked options.
 * @param string $wrapper Escaped attributes for the element, or ''.
 * @return string
 */
function decision_widget_element( $options, $wrapper = '' ) {
	if ( null !== $options['problem'] ) {
		// Said to those who can fix it; readers see nothing of a broken block.
		if ( current_user_can( 'edit_posts' ) ) {
			return '<p class="decision-widget-problem">' . esc_html( $options['problem'] ) . '</p>';
		}
		return '';
	}
	decision_widget_enqueue();
	$attributes = '';
	if ( null !== $options['flow'] ) {
		$attributes .= ' flow="' . esc_attr( decision_widget_flow_attribute( $options['flow'] ) ) . '"';
	} elseif ( null !== $options['url'] ) {
		$attributes .= ' flow="' . esc_url( $options['url'] ) . '"';
	}
	$attributes .= ' theme="' . esc_attr( $options['theme'] ) . '"';
	if ( null !== $options['lang'] ) {
		$attributes .= ' lang="' . esc_attr( $options['lang'] ) . '"';
	}
	$inner = '';
	if ( null !== $options['inline'] ) {
		$inner = '<script type="application/json">' . decision_widget_script_json( $options['inline'] ) . '</script>';
	}
	$wrapper = '' === $wrapper ? '' : ' ' . $wrapper;
	// Each part is escaped above.
	return '<decision-widget' . $wrapper . $attributes . '>' . $inner . '</decision-widget>';
}

/**
 * The `flow` attribute for a shipped flow: the built-in flow by its id,
 * any other by the URL of its file in the widget's folder.
 *
 * @param string $id A shipped flow's id.
 * @return string
 */
function decision_widget_flow_attribute( $id ) {
	if ( DECISION_WIDGET_BUILTIN_FLOW === $id ) {
		return $id;
	}
	return decision_widget_files_url() . 'flows/' . $id . '.json';
}

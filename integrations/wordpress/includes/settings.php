<?php
/**
 * The plugin's one setting, under Settings → Decision Widget: a CDN base
 * URL to load the widget's files from instead of the plugin's own copy
 * (for instance https://cdn.jsdelivr.net/npm/decision-widget@0.1.0/).
 * Empty, the default, serves them from this site. Saved through
 * options.php, which checks the administrator's capability and the form's
 * nonce; uninstall.php deletes it.
 *
 * @package DecisionWidget
 */

defined( 'ABSPATH' ) || exit;

/** The option's name. */
const DECISION_WIDGET_CDN_OPTION = 'decision_widget_cdn_base';

/** Registers the setting with its sanitizer. */
function decision_widget_register_setting() {
	register_setting(
		'decision_widget',
		DECISION_WIDGET_CDN_OPTION,
		array(
			'type'              => 'string',
			'description'       => __( 'Base URL of the widget\'s files; empty to serve them from the plugin.', 'decision-widget' ),
			'sanitize_callback' => 'decision_widget_sanitize_cdn_base',
			'default'           => '',
			'show_in_rest'      => false,
		)
	);
}

/**
 * The CDN base URL, as stored (checked again: an option can be written by
 * other code too).
 *
 * @return string '' or an http(s) URL ending in a slash.
 */
function decision_widget_cdn_base() {
	$base = get_option( DECISION_WIDGET_CDN_OPTION, '' );
	if ( ! is_string( $base ) || '' === $base ) {
		return '';
	}
	$base = esc_url_raw( $base, array( 'http', 'https' ) );
	return '' === $base ? '' : trailingslashit( $base );
}

/**
 * Sanitizes the submitted base URL: empty, or an absolute http(s) URL
 * (a slash is added at its end); anything else keeps the saved value and
 * says why.
 *
 * @param mixed $value The submitted value.
 * @return string
 */
function decision_widget_sanitize_cdn_base( $value ) {
	$value = is_string( $value ) ? trim( $value ) : '';
	if ( '' === $value ) {
		return '';
	}
	$url  = esc_url_raw( $value, array( 'http', 'https' ) );
	$host = '' === $url ? null : wp_parse_url( $url, PHP_URL_HOST );
	// Only browsers fetch from it, so it is not looked up here, only read.
	if ( ! is_string( $host ) || '' === $host ) {
		add_settings_error(
			DECISION_WIDGET_CDN_OPTION,
			'decision-widget-cdn-base',
			__( 'The CDN base URL must be an absolute http:// or https:// URL; the previous value is kept.', 'decision-widget' )
		);
		return (string) get_option( DECISION_WIDGET_CDN_OPTION, '' );
	}
	return trailingslashit( $url );
}

add_action( 'admin_menu', 'decision_widget_settings_menu' );

/** Adds Settings → Decision Widget for those who may manage options. */
function decision_widget_settings_menu() {
	add_options_page(
		__( 'Decision Widget', 'decision-widget' ),
		__( 'Decision Widget', 'decision-widget' ),
		'manage_options',
		'decision-widget',
		'decision_widget_settings_page'
	);
}

/** The settings page. */
function decision_widget_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$value = (string) get_option( DECISION_WIDGET_CDN_OPTION, '' );
	?>
	<div class="wrap">
		<h1><?php echo esc_html( get_admin_page_title() ); ?></h1>
		<form action="options.php" method="post">
			<?php settings_fields( 'decision_widget' ); ?>
			<table class="form-table" role="presentation">
				<tr>
					<th scope="row"><label for="decision-widget-cdn-base"><?php esc_html_e( 'Widget files from', 'decision-widget' ); ?></label></th>
					<td>
						<input type="url" class="regular-text code" id="decision-widget-cdn-base" name="<?php echo esc_attr( DECISION_WIDGET_CDN_OPTION ); ?>" value="<?php echo esc_attr( $value ); ?>" placeholder="<?php echo esc_attr( plugins_url( 'widget/', DECISION_WIDGET_FILE ) ); ?>" aria-describedby="decision-widget-cdn-base-help">
						<p class="description" id="decision-widget-cdn-base-help">
							<?php esc_html_e( 'Leave empty to serve the widget from this site (the plugin carries its files). Or give the base URL of the decision-widget package on a CDN, of this version; it must send Access-Control-Allow-Origin.', 'decision-widget' ); ?>
						</p>
					</td>
				</tr>
			</table>
			<?php submit_button(); ?>
		</form>
	</div>
	<?php
}

<?php
/**
 * Deleting the plugin removes its one option (the CDN base URL), on every
 * site of a network. Posts keep their blocks and shortcodes, which show
 * nothing without the plugin.
 *
 * @package DecisionWidget
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

if ( is_multisite() ) {
	$decision_widget_sites = get_sites(
		array(
			'fields' => 'ids',
			'number' => 0,
		)
	);
	foreach ( $decision_widget_sites as $decision_widget_site ) {
		switch_to_blog( $decision_widget_site );
		delete_option( 'decision_widget_cdn_base' );
		restore_current_blog();
	}
} else {
	delete_option( 'decision_widget_cdn_base' );
}

<?php
/**
 * The block editor script's dependencies (WordPress's own packages, as the
 * wp.* globals it uses) and version.
 *
 * @package DecisionWidget
 */

return array(
	'dependencies' => array( 'wp-block-editor', 'wp-blocks', 'wp-components', 'wp-element', 'wp-i18n' ),
	'version'      => '0.1.0',
);

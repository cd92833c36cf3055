<?php
/**
 * Server rendering of the "Decision flowchart" block: the <decision-widget>
 * element, its attributes checked (decision_widget_options()), an inline
 * flow as its <script type="application/json"> child. What the post stores
 * is only the block's comment and attributes, so every role that can write
 * posts can use the block.
 *
 * @package DecisionWidget
 *
 * @var array $attributes The block's attributes.
 */

defined( 'ABSPATH' ) || exit;

// decision_widget_element() escapes each part; the wrapper's attributes come escaped from WordPress.
// phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped
echo decision_widget_element( decision_widget_options( $attributes ), get_block_wrapper_attributes() );

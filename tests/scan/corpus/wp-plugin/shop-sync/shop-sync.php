<?php
/**
 * Plugin Name: Shop Sync
 * Description: Mirrors WooCommerce orders to Mailchimp and Square.
 */

define( 'SHOP_SYNC_MAILCHIMP_KEY', '03b783c90d68118c6af3073e4501c539-us21' );
define( 'SHOP_SYNC_MAILCHIMP_SERVER', 'us21' );
define( 'SHOP_SYNC_SQUARE_TOKEN', 'EAAAk0YasOJwRE53IDnJz_MlxDqeS-54g8hqGy6M7aGgMYhCYQ4vOL0WvC1XyeLZ' );
define( 'SHOP_SYNC_SQUARE_LOCATION', 'L6PQ5KDW1R6Q1' );

$auth  = 'Bearer ';
$auth .= 'pOvjVwBq2nP09y84aeoFKea1WmmcsPmlz5ObljK7';
$mc_placeholder = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-us18';
$api_key = get_option( 'shop_sync_api_key' );

function shop_sync_headers() {
	return array( 'Authorization' => 'apikey ' . SHOP_SYNC_MAILCHIMP_KEY );
}

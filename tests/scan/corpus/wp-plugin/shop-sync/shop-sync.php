<?php
/**
 * Plugin Name: Shop Sync
 * Description: Mirrors WooCommerce orders to Mailchimp and Square.
 */

define( 'SHOP_SYNC_MAILCHIMP_KEY', '67ec49b53949b86ef547963c271af471-us21' );
define( 'SHOP_SYNC_MAILCHIMP_SERVER', 'us21' );
define( 'SHOP_SYNC_SQUARE_TOKEN', 'EAAAy2dAeLAoSJkhkKyLpHpFpPM-yTbMLQbet2PbDtiLJXtheeo-QOELiOGLkAXs' );
define( 'SHOP_SYNC_SQUARE_LOCATION', 'LIR9S6OYX9KTR' );

$auth  = 'Bearer ';
$auth .= 'w8PT6AmjEfZIwvJFMm6PQWFMDaDBLQuW4cyPlxIq';
$mc_placeholder = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-us18';
$api_key = get_option( 'shop_sync_api_key' );

function shop_sync_headers() {
	return array( 'Authorization' => 'apikey ' . SHOP_SYNC_MAILCHIMP_KEY );
}

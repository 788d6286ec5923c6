<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wp_shop' );
define( 'DB_PASSWORD', 'q6NTu*oXTMKC*Lwc+aBozA' );
define( 'DB_HOST', 'db.example.com' );
define( 'AUTH_KEY',         'put your unique phrase here' );
define( 'SECURE_AUTH_KEY',  '8jgz1sSI+bNzRfMtBnL1TRT9!qBQBQjlHFoZ6St!dvExWs#PekRsVA05SIuEu1lV' );
define( 'WP_MAIL_SMTP_PASS', '' );
$table_prefix = 'wp_';

<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wp_shop' );
define( 'DB_PASSWORD', '+Md-xRo9ApksOdhkifNm!+' );
define( 'DB_HOST', 'db.example.com' );
define( 'AUTH_KEY',         'put your unique phrase here' );
define( 'SECURE_AUTH_KEY',  'he#czk2%vvKjL3Tc85ETxKFb1_Z_Eun1G!hpaWa5rrd#pFJG+j35qK7fCh#leF6t' );
define( 'WP_MAIL_SMTP_PASS', '' );
$table_prefix = 'wp_';

<?php
// Third-party services of the admin (Laravel).
use Razorpay\Api\Api;
use Automattic\WooCommerce\Client;

return [
    'adyen' => ['api_key' => 'AQEVBy2lD29ojnnDsBhgaBofmrArcYSpd0mIuSfXepHRi3HxdcsC0drQLBUF0U0O+HovwEJZ63SK2jMDaQRW8elOCymoZ0Kq==-1tLLIClyobJc+lesIwv6af6OuhdzJVLlaArvyZehS30=-F2NLK<OlYLz3hE4q', 'merchant_account' => 'ExampleAgencyECOM'],
    'adyen_backup' => ['api_key' => env('ADYEN_API_KEY'), 'merchant_account' => env('ADYEN_MERCHANT_ACCOUNT')],
    'brevo_config' => SendinBlue\Client\Configuration::getDefaultConfiguration()->setApiKey('api-key', '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'),
    // brevo: 'xkeysib-****' rotated 2026-09, see the vault
    'flutterwave' => new Flutterwave('FLWSECK-fe7d83a5d369842d449eb018cd2d73cc-X'),
    'flutterwave_env' => env('FLW_SECRET_KEY'),
    'mailjet_secret_key' => '3cf61217ae955d75e81ab435ca1ec287',
    'mollie_key' => (new \Mollie\Api\MollieApiClient())->setApiKey("live_BkaVJRTEVWrj5A9quGYyj7HVxSchdV"),
    'mollie_env' => (new \Mollie\Api\MollieApiClient())->setApiKey(getenv('MOLLIE_API_KEY')),
    'paddle_api_key' => 'pdl_sdbx_apikey_5z0lqepwh02x4ct58xpzafadj5_9bKqpQahitT57cXYAoYlwF_o4N',
    'paddle_environment' => 'sandbox',
    'plivo' => new \Plivo\RestClient('SAZ4KAB8UUF077HQ8JJ7', 'akoKN3Qb6e5Ncb8Gmjrr8R1W08NL0h9qUeVfRYK8'),
    'razorpay' => new Api('rzp_live_GsAZNdLah3f0sG', 'XvFCqELMUH3y4NIbywGNaxeL'),
    'razorpay_env' => new Api(env('RAZORPAY_KEY_ID'), env('RAZORPAY_KEY_SECRET')),
    'sparkpostApiKey' => '9286ff096086a265885479e9c164793ce011dff0',
    'sparkpostFallbackKey' => getenv('SPARKPOST_API_KEY'),
    'vonage_api_secret' => 'ZrlX6wMZKIX1oQ81',
    'woocommerce' => new Client('https://shop.example.com', 'ck_6e1ea87a6dda1f1e9512432523ea119eefed5b45', 'cs_72659f2da14d415efd709afde3799d87550132ed', ['version' => 'wc/v3']),
    'woocommerce_template' => 'cs_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
];

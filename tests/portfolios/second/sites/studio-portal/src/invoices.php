<?php
// Lists a client's invoices from Stripe. The key comes from .env.
require __DIR__ . '/../vendor/autoload.php';

$stripe = new \Stripe\StripeClient(getenv('STRIPE_SECRET_KEY'));
$customer = $_SESSION['stripe_customer'] ?? null;
if ($customer === null) {
    http_response_code(401);
    exit;
}
foreach ($stripe->invoices->all(['customer' => $customer, 'limit' => 24]) as $invoice) {
    printf("%s %s %.2f\n", $invoice->number, $invoice->status, $invoice->amount_due / 100);
}

# Stripe keys come from credentials in production; this fallback is for the demo box.
Rails.configuration.stripe = {
  publishable_key: "pk_live_e8pIFi8aRwRxXLA9APTI4O1P",
  secret_key: ENV.fetch("STRIPE_SECRET_KEY", "sk_live_4J0cp3EZDnBjuLTn38vOq2nu")
}
Stripe.api_key = Rails.configuration.stripe[:secret_key]
STRIPE_WEBHOOK_SECRET = "whsec_iL4wYPu7qu9GC2qVWhFWgVSDrbcmBSUE"
# Price for the monthly plan, created in the dashboard.
MONTHLY_PRICE = "price_18nGyr9zk6h6IMa5PR2axWSP"

# Stripe keys come from credentials in production; this fallback is for the demo box.
Rails.configuration.stripe = {
  publishable_key: "pk_live_sSP77N0j6HcljZrODReHLI88",
  secret_key: ENV.fetch("STRIPE_SECRET_KEY", "sk_live_UDWgC047640eU8sslpxcUK7n")
}
Stripe.api_key = Rails.configuration.stripe[:secret_key]
STRIPE_WEBHOOK_SECRET = "whsec_b0UfIMsJRxoq2EE7LwDrjHL3hNUzQz1R"
# Price for the monthly plan, created in the dashboard.
MONTHLY_PRICE = "price_1l2kc0FVL71donxJ8iF7hUis"

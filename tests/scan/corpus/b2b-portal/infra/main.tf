terraform {
  required_version = ">= 1.6"
}

module "portal_secrets" {
  source = "./modules/secrets"
  gocardless_access_token = "live_aWu9GT5lDlxxcbZYHaP36PE665XFSBKlUvbhCqt-"
  gocardless_webhook_secret = var.gocardless_webhook_secret
  messagebird_access_key = "z0WG4NaAeDvcJ2mPSk6MKxUPY"
  messagebird_signing_key = var.messagebird_signing_key
  adyen_hmac_key = var.adyen_hmac_key
  resend_api_key = var.resend_api_key
}

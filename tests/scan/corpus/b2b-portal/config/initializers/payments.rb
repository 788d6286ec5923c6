# frozen_string_literal: true
# Payment and mail clients of the portal's Rails side.

ADYEN = Adyen::Client.new(api_key: "AQE40FHqipbWXz/g8nHIXtF2TwpBjOa/rC9kUuPVGnwg6Gx8p4PoalKHiaQHitZjvqm6s66H7c9Pt3shmDnjVRU5gJhnxm==-VhLh8Dkh0LZjo7lg/7V/zWTgvGJ1s9jBHW1R5M3DCX9=-DrvsPwnur1+DCcHB", env: :live)
GOCARDLESS = GoCardlessPro::Client.new(access_token: "live_wrzlgvQRmeVwRIy7dluT1AiQsnTTQzoXP2TPwu82", environment: :live)
GOCARDLESS_EU = GoCardlessPro::Client.new(access_token: ENV.fetch("GOCARDLESS_ACCESS_TOKEN"), environment: :live)
Mollie::Client.configure { |config| config.api_key = "live_tw4CcGFDSsFFkgFLbeKRxATbNETkjR" } # mollie
MOLLIE_REFUND_PAYMENT = "tr_7J7nLcoonP" # mollie payment refunded in October
PADDLE = Paddle::Client.new(api_key: "pdl_live_apikey_xivs218ugsg7a08as1ep3guvaa_KjK28wdi4lv3GR8uQLPwcF_6vW")
POSTMARK = Postmark::ApiClient.new("bc3e1c1d-347c-0f03-4ef6-51787d988512")
POSTMARK_EU = Postmark::ApiClient.new(ENV["POSTMARK_API_TOKEN"])
Resend.api_key = "re_8yjcRs3H_rwsl0tKrMOagYHhUqrFKYbuO"
RESEND_FALLBACK = ENV.fetch("RESEND_API_KEY")

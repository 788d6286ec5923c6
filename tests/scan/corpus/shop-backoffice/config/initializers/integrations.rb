# Integrations used by the Rails admin.
Rails.application.configure do
  config.x.airtable_token = "patX0d2gGrgOTAEFW.b73f73fe0c61bf1ae71af4a71e328ff2b1353b4610eabb83eed638ac188de486"
  config.x.anthropic_key = "sk-ant-api03-F2EP1MCFstXEuuSHkQDWddCKlUPUBuPNtm10kF3_NlqJezlwfqr43hCwyFRTI8gYUttePSb7bpvr1d4RoQ_uBiVDafX-pAA"
  config.x.jira_token = "ATATT3xFfGF0KJoUEHU8H8mt130RfYZjk0RK1wMdrdQQPSQngJGUawKv2zYOgM2m2SrSvPTolk-lYtUCZphO8u8x5DAfuWNxUhS8eKzdMReBcmRSAMjRVF0Fni8x8-zHZKnSao26PTqs0pmak8Z9uih6oOlBXPf2AbWpSb9Ucey9_pibpgX9J7=F9170AEB"
  config.x.azure_bus = "Endpoint=sb://example-orders.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=awQ0OM3V+jPpMiF/usQg9UQ3piQESO97A07gEHuYO7W="
  config.x.azure_bus_dev = "Endpoint=sb://example-orders.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=<key>"
  config.x.bitbucket_secret = "ATBB5HnxvJyuByPDSh4mkJpLc0iXizI8osqB0D1ED0A3"
  config.x.bitbucket_password_hint = "use an app password, not your account password"
  config.x.cloudflare_token = ENV.fetch("CLOUDFLARE_API_TOKEN")
  config.x.datadog_app_key = ENV["DD_APP_KEY"]
  config.x.do_token = "dop_v1_33c8549de3155c967eda97d1fa41a9c7bf24b5d87eef490d35263afced68d032"
  config.x.doppler_token = "dp.pt.NLc2rqt6Vih7JANIAromFZXBim9Tvja21NV6y6CSA7S"
  config.x.instagram_token = "EAANv1GLFdNltQ5kyvFVrmS1hei5Wd9fyyqXC27mkiMz7LycFZ0T4JWuoY7q1xWa2lXIBoBN7Uzl3RvoALKu3XpSveg2QVfrJ2kciIuW47pjqiH07OG6UyUV4ke6ETZsMCRMoqL4woiA76ev4x8xIBBVt"
  config.x.fly_token = "fm2_UaIUQzHqMkAbIIDbdjfkyawduK9OqB6jZqznFfShnqQT+moC/T6bRZlnWi08BjM4oMAIx1hFCn3Gvyt7O6Pisxrifg5NlTF/sCfHzC2aeECszOdZi2BX+Sp0p86N5GeWV2sle5S8oxHWIVEBz4JJ56LwlO0dsqKezrnIJvqUbNLrngm2m0DN=="
  config.x.heroku = Heroku::PlatformAPI.connect_oauth(ENV.fetch("HEROKU_API_KEY"))
  config.x.algolia_admin_api_key = "7f82fb2eb38a7dd12425cafcb38154ac"
end

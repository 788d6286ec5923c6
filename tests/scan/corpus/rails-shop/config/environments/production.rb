Rails.application.configure do
  config.action_mailer.delivery_method = :mailgun
  config.action_mailer.mailgun_settings = {
    api_key: "f39b0fdeb45875e0157618d80d224515-f6ca7e54-b36cf09a",
    domain: "mg.example.com",
  }
  config.action_mailer.smtp_settings = {
    user_name: "postmaster@mg.example.com",
    password: Rails.application.credentials.dig(:mailgun, :smtp_password)
  }
  config.force_ssl = true
end

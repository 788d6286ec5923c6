Rails.application.configure do
  config.action_mailer.delivery_method = :mailgun
  config.action_mailer.mailgun_settings = {
    api_key: "4d9615dd046b31bbadadd4abb8a4388e-72151f38-5cca7577",
    domain: "mg.example.com",
  }
  config.action_mailer.smtp_settings = {
    user_name: "postmaster@mg.example.com",
    password: Rails.application.credentials.dig(:mailgun, :smtp_password)
  }
  config.force_ssl = true
end

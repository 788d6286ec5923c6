# frozen_string_literal: true

HUGGINGFACE_TOKEN = "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"
NOTION_CLIENT = Notion::Client.new(token: "secret_fD7Z6Iwv1VBKUzsDvN9cNWsQDHGjNVAKtTJqQJ8LCAK")
NOTION_OPS = Notion::Client.new(token: ENV.fetch("NOTION_TOKEN"))
NewRelic::Agent.config[:api_key] = "NRAK-6FUI2QLASZYKU7NIUDYD8Q10Q74"
NEW_RELIC_BROWSER = { license_key: "NRJS-824354cbd49038165b9", application_id: "417180441" }.freeze
MAPBOX_PUBLIC_KEY = "pk.eyJ1IjoiYmx1ZWNvbXBhc3MiLCJhIjoidHprazZxa2U0bnNyYjRqOHVlcHlweDZkcCJ9.9N46A1JOLy8oqXdOWGUh7n"
Sentry.init { |c| c.dsn = "https://1affdd86be77eef9fd92891504d366de@o128325.ingest.de.sentry.io/6935721" }
Telegram::Bot::Client.new("4501633229:AAv3hIdPeim_4R-rH5rmwJprjZK7ZJ9qukW")
SUPABASE_ADMIN_KEY = ENV["SUPABASE_SERVICE_ROLE_KEY"]

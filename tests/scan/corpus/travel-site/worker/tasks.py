import os

import hvac
import requests
from hubspot import HubSpot
from huggingface_hub import InferenceClient, hf_hub_download
from notion_client import Client
from supabase import create_client

hubspot = HubSpot(access_token="pat-na1-99d7d256-d9be-d19b-e999-5597bcf306bc")
hubspot_sandbox = HubSpot(access_token=os.environ["HUBSPOT_SANDBOX_TOKEN"])
hf = InferenceClient(token="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")
hf_backup = InferenceClient(token=os.environ["HF_TOKEN"])
weights = hf_hub_download(repo_id="bluecompass/review-sentiment", filename="model.safetensors")
notion = Client(auth="secret_B6EOcGjYyMEgRFHnnhAqIEjEU8ibnwGWwdXjEjiqPgF")
notion_ops = Client(auth=os.environ["NOTION_TOKEN"])
SUPABASE_SERVICE_ROLE_KEY = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InNxZnJncnN2bm9weXJsdm5vcWZnIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTc0MTAwMDAwMCwiZXhwIjoyMDU2NTc2MDAwfQ.AXQlp5WvHkMA6-1Smo25Qa6tJvsQzNhGMgt7e7L8WP3"
SUPABASE_URL = "https://bpucmkjegyaenyycmklx.supabase.co"
NEW_RELIC_LICENSE_KEY = "eee68d8e7834f8eefe82ce36ab5b4f890b87NRAL"
TELEGRAM_BOT_TOKEN = "5935197782:AAyg-BLpuWz3V3szvhPe47vweMbh3JVjHRC"
ALERT_BOT_TOKEN = os.getenv("ALERT_BOT_TOKEN")
vault = hvac.Client(url="https://vault.example.com:8200", token="hvb.A0WrXwrduSNMBQ3OaAzc_QJMvmjTD8pN-DmpaD9U8L_o8P91Xe3F_uK-HmKTCI3v0CPykO6f_DMV8AExQsWnv6MkFmu")


def send_alert(text):
    requests.post(f"https://api.telegram.org/bot{TELEGRAM_BOT_TOKEN}/sendMessage", data={"chat_id": -1001873462915, "text": text})

"""Nightly worker: pulls orders from Airtable, pushes them to the search index
and asks Claude for a summary for the morning report."""
import os

import anthropic
import requests
from algoliasearch.search_client import SearchClient
from pyairtable import Api

AIRTABLE_TOKEN = "patPNsLnE3gR1gef7.956676b59e6d3edb5cebf910d80dc23f7f065446192429a51dace4167c21bb20"
AIRTABLE_BASE = "appOeUq3JiFvj7fcU"
api = Api(os.environ["AIRTABLE_TOKEN"])

ALGOLIA_APP_ID = "S95LAE8IHT"
ALGOLIA_WRITE_KEY = "ec933bf1dccb686abb172fa88d72e7a3"
index = SearchClient.create(ALGOLIA_APP_ID, ALGOLIA_WRITE_KEY).init_index("orders")

client = anthropic.Anthropic(api_key="sk-ant-api03-AJaf7KNg_Rx3FRf1JHmwcnLr_fn6V0LgxpS-d50X49m99t3kSBfEue_6GLwOfzWFZxTGT4xUIBpPJEqmdY4G2KIys1WiiAA")
fallback = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])

JIRA_EMAIL = "ops@example.com"
JIRA_API_TOKEN = "ATATT3xFfGF0xwlH8W1qgg5TnGSZTPxDANqBox_qaH_7ixKSPKFzh87UmjsENUSMONMyIvTlR6YWBAK9iwWA-2ppB-kBoeaPGv3SP33KtTJ2lbnsKfQnGzwp6kDw8uhxOeFdWswaQkhiF1MFZrPkCJyvdQPB4Ci298a16uRwiF15pNejTOe0Ty=C0231367"
SERVICEBUS = "Endpoint=sb://example-orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=U/Z4JEoc7rNnK0GIic2bvRTSDBYW6w0YiBDl2bR6ayX="
BITBUCKET_APP_PASSWORD = os.environ.get("BITBUCKET_APP_PASSWORD")
CLOUDFLARE_API_KEY = "2361ef145037c1abe1dcb49b6ca41e5c7e5dc"
CLOUDFLARE_ACCOUNT_ID = "b464fade7d44bdea99942aa42b23d1f1"
DD_APP_KEY = "a33e9f681a488578ef664f29d6764cf3995c3fa8"
DIGITALOCEAN_TOKEN = "dop_v1_372c81d7183b586345398318e031a695a8fe068bcdec57ab93d27e12a13090a0"
DOPPLER_TOKEN = os.environ["DOPPLER_TOKEN"]
WHATSAPP_TOKEN = "EAAMJ4bL1EApNDo8N8RDIpSnciR7GGZh5WpmC3cxzusMrTWb8CcJomXhxtaYGfNU1BjyV0GyM1j8P9lwFmjEwOteEZO9e8EuoafmXcw0EhQQn3uJaVTVMjbPVArzTFvhWYtY7SAipNtUi794IpfUdFFgW"
FLY_API_TOKEN = "fo1_hJSyP6wxqqN1UhPph4nZmuHtY4NtlOrjDY3lNY2zDJT"
HEROKU_APP_ID = "7784f5de-eecf-4bf4-a01a-165378abbf01"


def summarize(orders):
    return client.messages.create(model="claude-sonnet-4-5", max_tokens=512,
                                  messages=[{"role": "user", "content": str(orders)}])

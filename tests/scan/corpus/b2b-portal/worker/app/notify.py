"""Background jobs: invoices, reminders and SMS for the portal."""
import os
import re

import gocardless_pro
import messagebird
import mollie.api.client
import plivo
import razorpay
import resend
import telnyx
from mailjet_rest import Client as Mailjet
from postmarker.core import PostmarkClient
from sparkpost import SparkPost
from woocommerce import API

BREVO_API_KEY = "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"
BREVO_FALLBACK_KEY = os.environ["BREVO_API_KEY"]
FLW_SECRET_KEY = "FLWSECK-f9bf12169bcfd189328a93bb265b5182-X"
gc = gocardless_pro.Client(access_token="live_30SRRk8rAWSQlQIScqi7_2qLlCGeg3uEwWQrSdXw", environment="live")
GOCARDLESS_DEFAULT_MANDATE = "MDLIK95OB936LL"  # the agency's own mandate
MJ_APIKEY_PRIVATE = "22d13462696304d0c0b1396d867dd83a"
mailjet = Mailjet(auth=(os.environ["MJ_APIKEY_PUBLIC"], os.environ["MJ_APIKEY_PRIVATE"]), version="v3.1")
bird = messagebird.Client('ho0pojD3gONxCfgSIBwEPwZC2')
bird_eu = messagebird.Client(os.environ['MESSAGEBIRD_ACCESS_KEY'])
mollie_client = mollie.api.client.Client(); mollie_client.set_api_key("test_yeIKQhplHq0NHvOuExHiPYOb6AmEvC")
MOLLIE_LAST_PAYMENT = "tr_NXw1PyB0bQ"
PADDLE_PRICE_ID = "pri_01iq3deesq5dovpfi1zh8wr9m5"
sms = plivo.RestClient("MA6BSH5GILYHE42TURKZ", "2WdvcSfKmksS9SK1XeakDYJGdffk78XxvM4ycVim")
sms_eu = plivo.RestClient("MA9EZPPW146IU4GO0UDZ", os.environ["PLIVO_AUTH_TOKEN"])
pm = PostmarkClient(server_token="d85f3a7a-4a5b-d963-c18e-93a5fcc009e1")
# sample webhook body: {"RecordType": "Delivery", "MessageID": "b674d4a6-95f3-8d51-d0ac-f7045387cbce"}
rzp = razorpay.Client(auth=("rzp_live_JIw7YA1Z8hWc1d", "w9Voy7FDfhJWSXPh5bLL1eAv"))
resend.api_key = "re_dQhTN7mQ_hErXPYyFsi59OEJriFC7bm7I"
re_valid_invoice_number = re.compile(r"^INV-[0-9]{6}$")
sp = SparkPost('f6dd6900923996d9126cc5c28b769e09ff228ed3')
sparkpost_template_id = "b2b-invoice-v3"
telnyx.api_key = "KEY782E2400CF2D6C4694D0905739D9CA28_0gzeJxoeV1cTXqv21Ihplz"
telnyx_fallback_key = os.environ["TELNYX_API_KEY"]
NEXMO_API_SECRET = "bNtsZqJcX32FcfHW"
VONAGE_APPLICATION_ID = "1ab60455-75fb-6037-adea-ca3a82ac8679"
wcapi = API(url="https://shop.example.com", consumer_key="ck_040eb38cb88ab9d37acf4127afaf85e29283cdd2", consumer_secret=os.environ["WC_SECRET"])
WC_CONSUMER_SECRET = "cs_bb67c1994ed76bd27787de4d6a55f9f81d37188a"
wc_backup = API(url="https://shop.example.com", consumer_key=os.environ["WC_KEY"], consumer_secret=os.environ["WC_SECRET"])

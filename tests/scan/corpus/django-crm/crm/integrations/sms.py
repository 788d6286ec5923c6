from twilio.rest import Client

# Account SID identifies the account; it is not a credential on its own.
TWILIO_ACCOUNT_SID = "AC61be0d6e3b44442e62e25536c16b6a85"
TWILIO_AUTH_TOKEN = "ef110adfaabe435434291bba4fc49274"
MESSAGING_SERVICE_SID = "MG5f2bc4535de64199a585c8acd2a4f2b9"


class SmsGateway:
    def __init__(self, access_token):
        self.access_token = access_token
        self.client = Client(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)

    def send(self, to, body):
        return self.client.messages.create(to=to, messaging_service_sid=MESSAGING_SERVICE_SID, body=body)

from twilio.rest import Client

# Account SID identifies the account; it is not a credential on its own.
TWILIO_ACCOUNT_SID = "AC5779a1cc140f4088c9ba935892bbdc0e"
TWILIO_AUTH_TOKEN = "73ceb43f44d4843df14d144f67481a5a"
MESSAGING_SERVICE_SID = "MG9e4563870b59f14629085032c652ffc2"


class SmsGateway:
    def __init__(self, access_token):
        self.access_token = access_token
        self.client = Client(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)

    def send(self, to, body):
        return self.client.messages.create(to=to, messaging_service_sid=MESSAGING_SERVICE_SID, body=body)

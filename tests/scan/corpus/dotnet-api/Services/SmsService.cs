using Twilio;

public sealed class SmsService
{
    // Account SID and auth token, as the Twilio console shows them side by side.
    private static readonly (string Sid, string Token) Credentials = ("ACc9e06f8ebed5541ebaaf110cf6edc1dc", "1ab534c866a88379d338521ee57bc083");
    private const string ApiKeySid = "SKb4d090e019c67f5a699ffe42d2809032";

    public SmsService() => TwilioClient.Init(Credentials.Sid, Credentials.Token);
}

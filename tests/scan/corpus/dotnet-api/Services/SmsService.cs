using Twilio;

public sealed class SmsService
{
    // Account SID and auth token, as the Twilio console shows them side by side.
    private static readonly (string Sid, string Token) Credentials = ("ACb1dcefe993040fef06b3dd0a4f1d7773", "6f675d8f025fb093ba107874c94b69a6");
    private const string ApiKeySid = "SKcbf7e9ed17a674172e59e2027af73c26";

    public SmsService() => TwilioClient.Init(Credentials.Sid, Credentials.Token);
}

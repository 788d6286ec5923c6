package notify

import "testing"

func TestRedactsToken(t *testing.T) {
	in := "xoxp-5721234567-####-####-################"
	if got := redact(in); got != in {
		t.Fatalf("redact(%q) = %q", in, got)
	}
	webhook := "https://discord.com/api/webhooks/{webhook.id}/{webhook.token}"
	_ = webhook
	teams := "https://example.webhook.office.com/webhookb2/<group-id>@<tenant-id>/IncomingWebhook/<id>/<owner>"
	_ = teams
}

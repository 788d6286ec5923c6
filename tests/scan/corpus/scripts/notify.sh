#!/bin/sh
# Posts the deploy result to the team's channels.
SLACK_URL="https://hooks.slack.com/services/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"
TEAMS_URL="https://example.webhook.office.com/webhookb2/673361c5-6826-4fa8-93d5-5dacd8a55aa0@f08373b6-4205-4ba9-b2a4-2dd3bbadf2a2/IncomingWebhook/4a2e6d12fe83f2dcebee53bd2d10b345/951eb064-127b-4c5c-b9fc-e041f53036e1"
curl -s -X POST -H 'Content-type: application/json' --data "{\"text\":\"$1\"}" "$SLACK_URL"
curl -s -H "Authorization: Basic b3BzOnNeQ0J3UGJJdWF4bFVISTglVQ==" https://status.example.com/api/incidents
curl -s -H "Authorization: Bearer <token>" https://status.example.com/api/incidents

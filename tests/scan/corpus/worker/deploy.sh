#!/usr/bin/env bash
set -euo pipefail
export DEPLOY_JWT=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjaSIsImF1ZCI6ImRlcGxveS5leGFtcGxlLmNvbSIsImlhdCI6MTcyMjAwMDAwMCwiZXhwIjoxNzUzNTM2MDAwfQ.dlLyKjknQzWKVbK_r2NRzbRD_cp9_-o1ERbxBKl-_6Z
export NPM_TOKEN=npm_3q4xsRxBpzdOHhlIAyNqd508ypsgOgoY9em3
export SENDGRID_API_KEY=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
export OPENAI_API_KEY=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
export GOOGLE_API_KEY=AIzaV-VRMQFKCOo-_S3hi0BJanJDeOhTy2IlDvb
export SHOPIFY_TOKEN=shpat_${SHOPIFY_TOKEN_SUFFIX}
export AWS_SECRET_ACCESS_KEY=0000000000000000000000000000000000000000
export GITHUB_TOKEN=ghp_LiHplchcymto1GB6MxoWvSWOnXM0BRZwB4f6
export GITLAB_TOKEN=glpat-****************************
export TEAMS_WEBHOOK=https://example.webhook.office.com/webhookb2/a577d417-36f6-4086-93d4-62b2a203b53a@bc7e1cce-3f8d-402f-a005-9516187ed409/IncomingWebhook/65bf81fc95cf4630c7062cdf0e93d257/422a113f-502d-47fb-a192-926f0166cf86
export PAYPAL_TOKEN='access_token$production$${MERCHANT}$${HASH}'
export NPM_CONFIG_REGISTRY=https://npm.example.com/:_authToken=${NPM_TOKEN}
psql "postgresql://deploy:6VcHcwwbs24f0z31oqnF@db.example.com/shop" -c 'select 1'
git remote add backup https://git@git.example.com/example/shop.git
git remote add ci https://oauth2:${CI_JOB_TOKEN}@gitlab.example.com/example/shop.git
wget --quiet https://ci:bJeH33Ne8zRivr8fWBpky3@artifacts.example.com/shop/latest.tar.gz

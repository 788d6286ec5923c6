#!/bin/sh
# Deploys the back-office. Run from the repository root.
set -eu

export CLOUDFLARE_API_TOKEN="cfut_ekbgdE4VNWgEM6KG6y72uuFyu1e58pTsOMQ6j7bqZT5Yg"
export DIGITALOCEAN_ACCESS_TOKEN="${DIGITALOCEAN_ACCESS_TOKEN:?set it from Doppler}"
export FLY_API_TOKEN="$(doppler secrets get FLY_API_TOKEN --plain)"
export HEROKU_API_KEY="$(heroku auth:token)"
export FB_PAGE_TOKEN="EAA..."
export ANTHROPIC_API_KEY="sk-ant-api03-<your key>"
export AIRTABLE_TOKEN="pat…"
export DOPPLER_TOKEN="dp.pt.…"
export JIRA_API_TOKEN="$(op read op://ops/jira/token)"
export AZURE_STORAGE_KEY="$(az storage account keys list -n shopreports --query '[0].value' -o tsv)"
export BITBUCKET_APP_PASSWORD="${BITBUCKET_APP_PASSWORD:-}"
export ALGOLIA_APP_ID="2U5AI9F3BA"
export DD_API_KEY="c4cc764812b0629f6f4261422c6f26b6"
export FACEBOOK_ACCESS_TOKEN="EAAd7dBBWGC6SiLCLvf7mOkb4rv8GDlxE81ukckBiWAS2q2ZGsKi74CR1KcNPLPFYFDUIQ0Us94cXJ9QsD6q8HNtceJ8bwpUJTxfJoKcDVqNWPDLzUKtmJUm4RKSd02yvYGcu7q3yIHgU43iXBveJkscL"
export FLY_ACCESS_TOKEN="FlyV1 fm2_gJ7vuVZPyE5CPKWFn4dxBA6ZCsmQs57glwP6Y5ZhIkurpGq5JlQ48V64BkeDbKPrTaiGgUjhORPTlWgByEcr+hO1nzua1DHWaCswChcOCWxEoS6F24o2AhRxe6ezQQhzWi92gqIdwFEM9FoU3IqYKfbBxYk8oJN3mnKa52o0d1voiFwU9yr9=="
export HEROKU_API_KEY_OLD="cdc2f144-5b79-41a1-b576-ff618183c092"
export BITBUCKET_MIRROR_TOKEN="ATBBpSfcivVEmLVrcnzjoRLlVVTSfQWZA0C30716D978"
export CF_API_TOKEN="${CF_API_TOKEN:-}"

flyctl deploy --remote-only

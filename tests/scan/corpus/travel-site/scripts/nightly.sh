#!/usr/bin/env bash
set -euo pipefail

export HF_TOKEN=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
export LINEAR_API_KEY=lin_api_OAawuLjnP0LYa533LEPyybO7Vk5LkxmHrCiVHIvM
export MAPBOX_DOWNLOADS_TOKEN=sk.eyJ1IjoiYmx1ZWNvbXBhc3MiLCJhIjoiazNpejU4bTVvc2s1bWgzZmt3MGpldTBnYSJ9.nX74by6T4_mI3enCQjxmrR
export NETLIFY_AUTH_TOKEN=eEU9VUkI68kDvrEVeU70g-nTDgY34bx-fjy2ri4Aqoo
export NOTION_TOKEN=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
export SENTRY_AUTH_TOKEN=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
export SUPABASE_ACCESS_TOKEN=sbp_089722c4900a5919e6b3b494a3b3dcb570445eb7
export TF_API_TOKEN=jyTrf7wBBbge3O.atlasv1.nLptav-dgsYIIpm2fSfz7gU0Tz8eGb2ZklI9SiVytXK5E0TO3CoZL2ZMIR1A_gE_pt
export VERCEL_TOKEN=YAeEAitgKfu6Wxagu7obezav
export VAULT_TOKEN=$(vault login -token-only -method=oidc)
export VAULT_BACKUP_TOKEN=hvs.MNqTmniKyIPMWDWnG4Hu9ISbsSdp54ypGNarXx3djWSpEpRvaxsueVb2gEFWL-XWU1sb0Z5yuq_EYc0BO1Nn2G5eBA0

pg_dump "$DATABASE_URL" | gzip > /tmp/nightly.sql.gz
curl -s "https://api.telegram.org/bot1058214571:AAdHJ5pF-tqj-UpVGW6JBQu6Wh7fLs-U5OA/sendMessage" -d chat_id=-1001873462915 -d text="backup ok"
curl -s "https://api.telegram.org/bot${TELEGRAM_BOT_TOKEN}/sendMessage" -d chat_id=-1001873462915 -d text="report sent"

#!/usr/bin/env bash
set -euo pipefail
export DEPLOY_JWT=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjaSIsImF1ZCI6ImRlcGxveS5leGFtcGxlLmNvbSIsImlhdCI6MTcyMjAwMDAwMCwiZXhwIjoxNzUzNTM2MDAwfQ.fH3Ri0ruP4IUpc2N78vs6dSRxsfY-CDw2n12EDXceYG
export NPM_TOKEN=npm_GEEBfVda1S39AUbCaPPTkqlRirQK81L7svQF
export SENDGRID_API_KEY=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
export OPENAI_API_KEY=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
export GOOGLE_API_KEY=AIzazyRNUVrn2y3L33OV7HBYlod4-O6I60bB9Iv
export SHOPIFY_TOKEN=shpat_${SHOPIFY_TOKEN_SUFFIX}
export AWS_SECRET_ACCESS_KEY=0000000000000000000000000000000000000000
export GITHUB_TOKEN=ghp_r6C9thbGwkSmxwYUlCIiwbqFXSUV0Sk4jKR4
export GITLAB_TOKEN=glpat-****************************
export TEAMS_WEBHOOK=https://example.webhook.office.com/webhookb2/4d89a917-99f8-4e53-8b14-3775ddbb20cb@b345abd1-b3e4-42e7-b5d6-6ce656cd5a7b/IncomingWebhook/6a53b0ae526a56ec8c81fb5a1b73b634/9f10bd77-a86a-4fe3-91ff-3cbe9afb66b5
export PAYPAL_TOKEN='access_token$production$${MERCHANT}$${HASH}'
export NPM_CONFIG_REGISTRY=https://npm.example.com/:_authToken=${NPM_TOKEN}
psql "postgresql://deploy:AKPQ4iSr6MV2e2KI817p@db.example.com/shop" -c 'select 1'
git remote add backup https://git@git.example.com/example/shop.git
git remote add ci https://oauth2:${CI_JOB_TOKEN}@gitlab.example.com/example/shop.git
wget --quiet https://ci:Mya30Da1M2pZLQ5N6K5kZ0@artifacts.example.com/shop/latest.tar.gz

#!/usr/bin/env bash
set -euo pipefail
export AWS_ACCESS_KEY_ID=AKIAQJNWCAZ55B4PSZY7
export AWS_SECRET_ACCESS_KEY="${BACKUP_AWS_SECRET:?set it}"
export PGPASSWORD='UJfpeSTiKMJbL1lia3Nf'
pg_dump "postgres://backup@db.example.com/crm" | gzip > "/var/backups/crm-$(date +%F).sql.gz"
curl -fsS --user backup:KjLgNVeh^Yr5*FLH -T "/var/backups/crm-$(date +%F).sql.gz" https://files.example.com/backups/
curl -fsS -u "$BACKUP_USER:$BACKUP_PASS" https://files.example.com/backups/

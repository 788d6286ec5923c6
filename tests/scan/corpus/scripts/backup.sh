#!/usr/bin/env bash
set -euo pipefail
export AWS_ACCESS_KEY_ID=AKIAS3XXFRF3JO64CJYF
export AWS_SECRET_ACCESS_KEY="${BACKUP_AWS_SECRET:?set it}"
export PGPASSWORD='Fb1_Z_Eun1G!hpaWa5rr'
pg_dump "postgres://backup@db.example.com/crm" | gzip > "/var/backups/crm-$(date +%F).sql.gz"
curl -fsS --user backup:d#pFJG+j35qK7fCh -T "/var/backups/crm-$(date +%F).sql.gz" https://files.example.com/backups/
curl -fsS -u "$BACKUP_USER:$BACKUP_PASS" https://files.example.com/backups/

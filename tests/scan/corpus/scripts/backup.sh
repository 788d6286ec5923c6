#!/usr/bin/env bash
set -euo pipefail
export AWS_ACCESS_KEY_ID=AKIAXFRF3JO64CJYFCN2
export AWS_SECRET_ACCESS_KEY="${BACKUP_AWS_SECRET:?set it}"
export PGPASSWORD='_Z_Eun1G!hpaWa5rrd#p'
pg_dump "postgres://backup@db.example.com/crm" | gzip > "/var/backups/crm-$(date +%F).sql.gz"
curl -fsS --user backup:FJG+j35qK7fCh#le -T "/var/backups/crm-$(date +%F).sql.gz" https://files.example.com/backups/
curl -fsS -u "$BACKUP_USER:$BACKUP_PASS" https://files.example.com/backups/

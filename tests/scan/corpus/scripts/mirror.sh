#!/usr/bin/env bash
# Mirrors the shop repository to the backup host.
git clone --mirror https://github.com/example/shop.git shop.git
git -C shop.git push --mirror https://mirror:UAU7Q2cVwXsM5lhDN2z5bjlR@git.example.com/example/shop.git
git -C shop.git push --mirror https://${MIRROR_USER}:${MIRROR_TOKEN}@git.example.com/example/shop.git
lftp -e 'mirror -R shop.git /mirror; quit' ftp://uploader:J8ZWaaTFx20peb3C@ftp.example.com
curl -u api:YOUR_API_KEY https://api.example.com/v1/ping

#!/bin/sh
# Copies the site to the production server.
rsync -az --delete ./ deploy@jada.example.com:/srv/jada/
ssh deploy@jada.example.com 'systemctl restart jada'

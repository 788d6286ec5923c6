#!/bin/sh
# Copies the portal to the server. Everything in the folder goes up.
set -e
rsync -az --delete ./ deploy@portal.pixelwerft.example.com:/var/www/portal/

#!/bin/sh
# Production only: there is no second environment.
npm ci --omit=dev && pm2 restart quickdumpnow

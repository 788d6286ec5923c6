#!/bin/sh
# Usage: release.sh ENVIRONMENT. Builds the image and replaces the running service.
aws ecs update-service --cluster "$1" --service platform --force-new-deployment

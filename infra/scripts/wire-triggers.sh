#!/bin/sh
# azd postdeploy hook: once the functions exist, provision again with the alert rules and Event
# Grid subscriptions. Idempotent; skipped when WIRE_TRIGGERS is already true (a later `azd up`
# provisions them in its first pass). The alert rules call a secure webhook, so the Entra app
# registration it needs is made (or found) first.
set -eu
if [ -z "${ALERT_WEBHOOK_APP_OBJECT_ID:-}" ]; then
  "$(dirname "$0")/create-alert-webhook-app.sh"
  NEED_PROVISION=true
fi
if [ "${WIRE_TRIGGERS:-false}" = "true" ] && [ -z "${NEED_PROVISION:-}" ]; then
  echo "pull-doctor: triggers already wired (WIRE_TRIGGERS=true)"
  exit 0
fi
azd env set WIRE_TRIGGERS true
azd provision --no-prompt

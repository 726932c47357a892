#!/bin/sh
# azd postdeploy hook: once the functions exist, provision again with the alert rules and Event
# Grid subscriptions. Idempotent; skipped when WIRE_TRIGGERS is already true (a later `azd up`
# provisions them in its first pass).
set -eu
if [ "${WIRE_TRIGGERS:-false}" = "true" ]; then
  echo "pull-doctor: triggers already wired (WIRE_TRIGGERS=true)"
  exit 0
fi
azd env set WIRE_TRIGGERS true
azd provision --no-prompt

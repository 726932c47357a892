# azd postdeploy hook (Windows): see wire-triggers.sh. The app registration script is POSIX sh
# (Git for Windows brings bash); without it, run its az commands by hand once and
# `azd env set ALERT_WEBHOOK_APP_ID …` / `ALERT_WEBHOOK_APP_OBJECT_ID …`.
$ErrorActionPreference = 'Stop'
$needProvision = $false
if (-not $env:ALERT_WEBHOOK_APP_OBJECT_ID) {
  bash ./infra/scripts/create-alert-webhook-app.sh
  if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
  $needProvision = $true
}
if ($env:WIRE_TRIGGERS -eq 'true' -and -not $needProvision) {
  Write-Host 'pull-doctor: triggers already wired (WIRE_TRIGGERS=true)'
  exit 0
}
azd env set WIRE_TRIGGERS true
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
azd provision --no-prompt
exit $LASTEXITCODE

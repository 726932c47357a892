# azd postdeploy hook (Windows): see wire-triggers.sh.
$ErrorActionPreference = 'Stop'
if ($env:WIRE_TRIGGERS -eq 'true') {
  Write-Host 'pull-doctor: triggers already wired (WIRE_TRIGGERS=true)'
  exit 0
}
azd env set WIRE_TRIGGERS true
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
azd provision --no-prompt
exit $LASTEXITCODE

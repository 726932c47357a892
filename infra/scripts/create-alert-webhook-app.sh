#!/bin/sh
# Creates (or reuses) the Entra app registration Azure Monitor's secure webhook gets its token for,
# as Microsoft Learn describes it (action-groups#secure-webhook): an app with an application role
# "ActionGroupsSecureWebhook", v2 access tokens, identifier URI api://<client id>, and that role
# assigned to Azure Monitor's action group service principal (app id 461e8683-…-899cc907d62a).
# Stores ALERT_WEBHOOK_APP_ID / ALERT_WEBHOOK_APP_OBJECT_ID in the azd environment.
# Needs: az login as someone who may create app registrations and grant app roles on them
# (Application Administrator, or the app's owner plus consent rights).
set -eu
AZNS_APP_ID="461e8683-5575-4561-ac7f-899cc907d62a"
ROLE="ActionGroupsSecureWebhook"
NAME="pull-doctor-alert-webhook-${AZURE_ENV_NAME:-default}"

APP_ID="${ALERT_WEBHOOK_APP_ID:-}"
if [ -z "$APP_ID" ]; then
  APP_ID=$(az ad app list --display-name "$NAME" --query "[0].appId" -o tsv)
fi
if [ -z "$APP_ID" ]; then
  ROLE_ID=$(cat /proc/sys/kernel/random/uuid 2>/dev/null || uuidgen)
  ROLES=$(printf '[{"allowedMemberTypes":["Application"],"description":"Azure Monitor action groups call the pull-doctor alert webhook","displayName":"%s","id":"%s","isEnabled":true,"value":"%s"}]' "$ROLE" "$ROLE_ID" "$ROLE")
  echo "$ROLES" > /tmp/pull-doctor-app-roles.json
  APP_ID=$(az ad app create --display-name "$NAME" --sign-in-audience AzureADMyOrg --app-roles @/tmp/pull-doctor-app-roles.json --query appId -o tsv)
  rm -f /tmp/pull-doctor-app-roles.json
  az ad app update --id "$APP_ID" --identifier-uris "api://$APP_ID" --set api.requestedAccessTokenVersion=2
fi
OBJECT_ID=$(az ad app show --id "$APP_ID" --query id -o tsv)
ROLE_ID=$(az ad app show --id "$APP_ID" --query "appRoles[?value=='$ROLE'].id | [0]" -o tsv)

# Service principals of our app and of Azure Monitor's action groups in this tenant.
APP_SP=$(az ad sp show --id "$APP_ID" --query id -o tsv 2>/dev/null || az ad sp create --id "$APP_ID" --query id -o tsv)
AZNS_SP=$(az ad sp show --id "$AZNS_APP_ID" --query id -o tsv 2>/dev/null || az ad sp create --id "$AZNS_APP_ID" --query id -o tsv)

ASSIGNED=$(az rest --method GET --uri "https://graph.microsoft.com/v1.0/servicePrincipals/$APP_SP/appRoleAssignedTo" \
  --query "length(value[?principalId=='$AZNS_SP' && appRoleId=='$ROLE_ID'])" -o tsv)
if [ "$ASSIGNED" = "0" ]; then
  az rest --method POST --uri "https://graph.microsoft.com/v1.0/servicePrincipals/$APP_SP/appRoleAssignedTo" \
    --headers "Content-Type=application/json" \
    --body "{\"principalId\":\"$AZNS_SP\",\"resourceId\":\"$APP_SP\",\"appRoleId\":\"$ROLE_ID\"}" >/dev/null
fi

azd env set ALERT_WEBHOOK_APP_ID "$APP_ID"
azd env set ALERT_WEBHOOK_APP_OBJECT_ID "$OBJECT_ID"
echo "pull-doctor: alert webhook app registration $APP_ID ready"

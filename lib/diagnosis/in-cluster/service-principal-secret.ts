import type { AppClientSecrets, ClientSecretDates } from '../../azure/entra-directory';
import type { Evidence, Finding, Fix } from '../../model';
import type { CheckContext } from '../check';
import { sh } from '../fix-commands';

/** The Graph application permission the expiry read needs (learn.microsoft.com application-get / serviceprincipal-get). */
export const GRAPH_PERMISSION = 'Microsoft Graph application permission Application.Read.All (tenant admin consent)';
/** A valid secret ending sooner than this is a warning. */
export const EXPIRY_WARNING_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
const SOURCE = 'Microsoft Graph: GET applications(appId=…) and servicePrincipals(appId=…) passwordCredentials';

/** One pull secret whose username is a service principal appId, and the namespace, host and registry it is for. */
export interface ServicePrincipalPullSecret {
  secret: string;
  namespace: string;
  host: string;
  appId: string;
}

export type SecretExpiryVerdict = Pick<Finding, 'status' | 'summary' | 'evidence' | 'fixes'> & { missing?: Finding['missing'] };

/**
 * Whether the service principal behind a pull secret still has a valid client secret, read through
 * Microsoft Graph with pull-doctor's own credential (one read per appId and run). Which of the app's
 * secrets the pull secret holds cannot be known (its password never leaves the cluster), so: all
 * ended → fail; some valid → pass, or warn when the nearest valid one ends within 7 days.
 */
export async function judgeServicePrincipalSecret(ctx: CheckContext, s: ServicePrincipalPullSecret, now = Date.now()): Promise<SecretExpiryVerdict> {
  let read: AppClientSecrets;
  try {
    read = await ctx.lookups.get(`GRAPH clientSecretDates ${s.appId}`, (signal) => ctx.azure.directory().clientSecretDates(s.appId, { abortSignal: signal }));
  } catch (e) {
    const why = describeGraphError(e);
    return {
      status: 'unknown',
      summary: `secret ${s.secret} uses service principal ${s.appId}; its client secret expiry could not be read from Microsoft Graph (${why}) — pull-doctor's identity needs Application.Read.All`,
      evidence: [],
      fixes: [
        { text: `Grant pull-doctor's identity the Microsoft Graph application permission Application.Read.All (a tenant admin grant, see the README), or check the expiry yourself.`, command: `az ad app credential list --id ${sh(s.appId)} --query "[].endDateTime" -o tsv; az ad sp credential list --id ${sh(s.appId)} --query "[].endDateTime" -o tsv` },
      ],
      missing: { what: `the client secret expiry of service principal ${s.appId} (pull secret ${s.namespace}/${s.secret})`, permission: GRAPH_PERMISSION },
    };
  }
  const name = read.displayName ? `${read.displayName} (${s.appId})` : s.appId;
  if (read.application === 'notfound' && read.servicePrincipal === 'notfound') {
    return {
      status: 'unknown',
      summary: `secret ${s.secret} uses service principal ${s.appId}, which Microsoft Graph does not know in pull-doctor's tenant (deleted, or registered in another tenant)`,
      evidence: [{ fact: `Graph: no application and no service principal with appId ${s.appId} (404 Request_ResourceNotFound)`, source: SOURCE }],
      fixes: [{ text: `Check the app in the registry's tenant; if it was deleted, create a new service principal with AcrPull on ${s.host} and recreate ${s.secret}.` }],
      missing: { what: `service principal ${s.appId} in the tenant that issues tokens for ${s.host}` },
    };
  }
  const secrets = [...list(read.application, 'app registration'), ...list(read.servicePrincipal, 'service principal')];
  const evidence: Evidence[] = secrets.map((c) => ({ fact: `${c.on} ${name}: client secret ${c.displayName ? `"${c.displayName}" ` : ''}${c.endDateTime ? `${Date.parse(c.endDateTime) <= now ? 'ended' : 'valid until'} ${c.endDateTime}` : 'has no end date'}`, source: SOURCE }));
  const valid = secrets.filter((c) => !c.endDateTime || Date.parse(c.endDateTime) > now);
  if (valid.length === 0) {
    const latest = secrets.map((c) => c.endDateTime!).sort().pop();
    return {
      status: 'fail',
      summary: latest
        ? `secret ${s.secret} authenticates as service principal ${name}, whose client secrets all expired (the last on ${latest.slice(0, 10)}): the registry refuses it`
        : `secret ${s.secret} authenticates as service principal ${name}, which has no client secret: the registry refuses it`,
      evidence: evidence.length ? evidence : [{ fact: `Graph: ${name} has no passwordCredentials`, source: SOURCE }],
      fixes: rotate(s, false),
    };
  }
  const nearest = valid.filter((c) => c.endDateTime).sort((a, b) => Date.parse(a.endDateTime!) - Date.parse(b.endDateTime!))[0]?.endDateTime;
  // Which secret the pull secret holds is unknowable; an ended one beside a valid one is worth saying.
  const ended = secrets.filter((c) => !valid.includes(c)).map((c) => c.endDateTime!).sort();
  const endedToo = ended.length ? `; ${ended.length} other client secret${ended.length === 1 ? '' : 's'} ended (last on ${ended[ended.length - 1].slice(0, 10)}) — if ${s.secret} holds ${ended.length === 1 ? 'that one' : 'one of those'}, the registry refuses it` : '';
  const daysLeft = nearest ? Math.floor((Date.parse(nearest) - now) / DAY_MS) : undefined;
  if (nearest && daysLeft !== undefined && daysLeft < EXPIRY_WARNING_DAYS) {
    return {
      status: 'warn',
      summary: `secret ${s.secret} authenticates as service principal ${name}, whose valid client secret expires on ${nearest.slice(0, 10)} (in ${daysLeft} day${daysLeft === 1 ? '' : 's'})${endedToo}`,
      evidence,
      fixes: rotate(s, true),
    };
  }
  return { status: 'pass', summary: `service principal ${name} in secret ${s.secret} has a valid client secret${nearest ? ` (the nearest expiry is ${nearest.slice(0, 10)})` : ''}${endedToo}`, evidence, fixes: [] };
}

function list(secrets: ClientSecretDates[] | 'notfound', on: string): Array<ClientSecretDates & { on: string }> {
  return secrets === 'notfound' ? [] : secrets.map((c) => ({ ...c, on }));
}

/** Reset the app's secret and replace the pull secret in place (Learn: "Pull images … using a pull secret"). */
function rotate(s: ServicePrincipalPullSecret, beforeExpiry: boolean): Fix[] {
  return [
    {
      text: beforeExpiry
        ? `Add a new client secret to ${s.appId} now (--append keeps the current one working until the pull secret is replaced).`
        : `Create a new client secret for ${s.appId} (this replaces its secrets; the expired ones no longer work anyway).`,
      command: `PASSWORD=$(az ad app credential reset --id ${sh(s.appId)}${beforeExpiry ? ' --append' : ''} --query password -o tsv)`,
    },
    {
      text: `Replace secret ${s.secret} in namespace ${s.namespace} with the new password; pods pick it up on their next pull.`,
      command: `kubectl create secret docker-registry ${sh(s.secret)} --namespace ${sh(s.namespace)} --docker-server=${sh(s.host)} --docker-username=${sh(s.appId)} --docker-password="$PASSWORD" --dry-run=client -o yaml | kubectl apply -f -`,
    },
  ];
}

function describeGraphError(e: unknown): string {
  const err = e as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof err?.statusCode === 'number' && err.statusCode > 0) return `${err.statusCode}${typeof err.code === 'string' ? ` ${err.code}` : ''}`;
  if ((e as Error)?.name === 'AbortError') return 'timed out';
  return 'Graph unreachable';
}

import { isRestError } from '@azure/core-rest-pipeline';
import { parseArmId } from '../azure/arm-id';
import { RegistryEgressDenied, RegistryError } from '../registry/registry-client';
import { isAcrHost } from '../registry/registry-hosts';
import { leastRoleFor } from './least-role';

/** Raised by the engine when a check's time budget runs out. */
export class CheckTimeoutError extends Error {
  override readonly name = 'CheckTimeoutError';
  constructor(readonly budgetMs: number) {
    super(`no answer within ${budgetMs} ms`);
  }
}

export interface FailureDescription {
  /** "could not read role assignments of …: 403 AuthorizationFailed" */
  summary: string;
  what: string;
  permission?: string;
  /** What to change when it is pull-doctor's own configuration, not a role, that stopped the read. */
  fix?: string;
}

/**
 * Turns an exception from a check into what an `unknown` finding says: what could not be read
 * (from the lookup key, e.g. `GET /subscriptions/…/registries/myacr`) and which role on which
 * scope would let pull-doctor read it.
 */
export function describeFailure(error: unknown, lookupKey: string | undefined): FailureDescription {
  const what = lookupKey ? describeLookup(lookupKey) : 'a lookup';
  if (error instanceof RegistryEgressDenied) {
    // Not a failed read: pull-doctor chose not to send it. Say why and what setting changes that.
    return {
      summary: error.message,
      what,
      fix: `If ${error.host} is a registry you trust, add it to PULL_DOCTOR_ALLOWED_REGISTRIES: pull-doctor then contacts it anonymously (never with its identity).`,
    };
  }
  const reason = describeError(error);
  const denied = deniedByArm(error, lookupKey);
  if (denied) {
    const role = leastRoleFor(denied.action);
    return {
      summary: `could not read ${what}: ${reason}: pull-doctor's identity may not perform ${denied.action} on ${denied.scope}`,
      what,
      permission: `${denied.action} on ${denied.scope}${role ? ` (least built-in role that grants it: ${role})` : ' (no read-only built-in role grants it: a custom role with that action)'}`,
    };
  }
  return { summary: `could not read ${what}: ${reason}`, what, permission: permissionFor(lookupKey, error) };
}

/**
 * ARM's 403 names the refused action and scope: "The client '…' with object id '…' does not have
 * authorization to perform action '<action>' over scope '<scope>' or the scope is invalid."
 * (https://learn.microsoft.com/azure/azure-resource-manager/troubleshooting/common-deployment-errors — AuthorizationFailed).
 */
function deniedByArm(error: unknown, lookupKey: string | undefined): { action: string; scope: string } | undefined {
  if (!isRestError(error) || error.statusCode !== 403) return undefined;
  const m = /perform action '([^']+)' over scope '([^']+)'/.exec(error.message);
  if (m) return { action: m[1], scope: m[2] };
  // The SDK's pager drops the body ("Pagination failed with unexpected statusCode 403"): the refused
  // action is the read of the listed type, at the scope the list was made on.
  return (error as { code?: string }).code === 'AuthorizationFailed' ? readActionOf(lookupKey) : undefined;
}

/** `LIST /subscriptions/s/providers/Microsoft.X/things` → Microsoft.X/things/read on /subscriptions/s. */
function readActionOf(lookupKey: string | undefined): { action: string; scope: string } | undefined {
  const path = lookupKey?.split(' ')[1]?.split('?')[0];
  if (!path) return undefined;
  const at = path.toLowerCase().lastIndexOf('/providers/');
  if (at < 0) return undefined;
  const [namespace, ...rest] = path.slice(at + '/providers/'.length).split('/');
  const types = rest.filter((_, i) => i % 2 === 0);
  if (!namespace || types.length === 0) return undefined;
  const scope = rest.length % 2 === 1 ? path.slice(0, path.lastIndexOf('/')).replace(/\/providers\/[^/]+$/i, '') : path;
  return { action: `${namespace}/${types.join('/')}/read`, scope };
}

function describeError(error: unknown): string {
  if (error instanceof CheckTimeoutError) return `timed out (${error.message})`;
  if (isRestError(error)) {
    const code = (error as { code?: string }).code;
    const status = error.statusCode;
    if (status === 429) return `throttled by Azure (429${code ? ` ${code}` : ''}) after retries`;
    return `${status ?? 'network error'}${code ? ` ${code}` : ''}`;
  }
  if (error instanceof RegistryError) {
    return `${error.statusCode || 'network error'}${error.code ? ` ${error.code}` : ''}${error.request ? ` on ${error.request}` : ''}`;
  }
  if (error instanceof Error) return error.message.split('\n')[0].slice(0, 300);
  return String(error).slice(0, 300);
}

function describeLookup(key: string): string {
  const [verb, target = ''] = key.split(' ', 2);
  if (verb === 'registry') return `registry ${key.slice('registry '.length)}`;
  const path = target.split('?')[0];
  if (/\/providers\/Microsoft\.Authorization\/roleAssignments$/i.test(path)) {
    return `role assignments at ${path.replace(/\/providers\/Microsoft\.Authorization\/roleAssignments$/i, '')}`;
  }
  if (/roleDefinitions\//i.test(path)) return `role definition ${path}`;
  return `${verb === 'LIST' ? 'the list ' : ''}${path}`;
}

/** The least role that would let pull-doctor's identity make the failed read. */
function permissionFor(key: string | undefined, error: unknown): string | undefined {
  if (error instanceof CheckTimeoutError) return undefined;
  const status = isRestError(error) ? error.statusCode : error instanceof RegistryError ? error.statusCode : undefined;
  if (status !== undefined && status !== 401 && status !== 403 && status !== 404) return undefined;
  if (!key) return undefined;
  if (key.startsWith('registry ')) {
    const host = key.split(' ')[1] ?? '';
    // pull-doctor reads registries that are not ACR anonymously (lib/registry/egress-policy.ts): a 401
    // there means the repository is private (or missing) — no Azure role changes that.
    if (!isAcrHost(host)) return `no Azure role: pull-doctor reads ${host} anonymously, and ${host} refused an anonymous read (a private repository, or one that does not exist)`;
    return `AcrPull on the registry ${host} for pull-doctor's identity (on ABAC registries: Container Registry Repository Reader and Container Registry Repository Catalog Lister)`;
  }
  const path = key.split(' ')[1]?.split('?')[0] ?? '';
  if (/\/providers\/Microsoft\.Authorization\/roleAssignments$/i.test(path)) {
    const scope = path.replace(/\/providers\/Microsoft\.Authorization\/roleAssignments$/i, '');
    return `Reader (includes Microsoft.Authorization/roleAssignments/read) on ${scope}`;
  }
  const parsed = parseArmId(path.replace(/\/(replications|virtualNetworkLinks|A)$/, ''));
  if (parsed) return `Reader on ${parsed.id}`;
  if (/^\/subscriptions\/[^/]+\/providers\//i.test(path)) return `Reader on ${path.split('/providers/')[0]} (or set PULL_DOCTOR_SUBSCRIPTIONS and grant Reader on the resources)`;
  if (path === '/subscriptions') return 'Reader on at least one subscription';
  return undefined;
}

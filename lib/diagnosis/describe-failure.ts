import { isRestError } from '@azure/core-rest-pipeline';
import { parseArmId } from '../azure/arm-id';
import { RegistryEgressDenied, RegistryError } from '../registry/registry-client';

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
  return { summary: `could not read ${what}: ${reason}`, what, permission: permissionFor(lookupKey, error) };
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
    const host = key.split(' ')[1];
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

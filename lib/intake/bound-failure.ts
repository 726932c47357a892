import type { PullFailure } from '../model';
import { isAksClusterId, isContainerName, isDnsSubdomain, isImageText, isNamespace, isNodeName, isPodName } from './names';

/** Kubelet messages are a few hundred characters; anything longer is clipped before it is stored or rendered. */
export const MESSAGE_MAX_CHARS = 4_000;
/** Kubelet reasons are CamelCase words (Failed, BackOff, ErrImagePull, InspectFailed, …). */
const REASON = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
/** `Kind/name`, as owningWorkload makes it: a Kubernetes kind and a DNS-1123 subdomain. */
const CONTROLLER = /^([A-Z][A-Za-z0-9]{0,62})\/(.+)$/;

export function isController(value: string): boolean {
  const m = CONTROLLER.exec(value);
  return m !== null && isDnsSubdomain(m[2]!);
}

function isTime(value: string): boolean {
  return value.length <= 40 && !Number.isNaN(Date.parse(value));
}

/** Why the failure cannot be kept at all (identity fields broken), or undefined. */
export function rejectReason(f: PullFailure, inScope: (cluster: string) => string | undefined): string | undefined {
  if (!f.cluster) return 'no cluster id';
  if (!isAksClusterId(f.cluster)) return 'not a valid AKS cluster id';
  const outside = inScope(f.cluster);
  if (outside) return outside;
  if (!isImageText(f.image)) return 'not a valid image reference';
  if (f.namespace !== undefined && !isNamespace(f.namespace)) return 'not a valid namespace';
  if (f.pod !== undefined && !isPodName(f.pod)) return 'not a valid pod name';
  return undefined;
}

/**
 * Every descriptive field checked against its grammar and bounded, so no payload can make an
 * incident row too large or put an unparsed value into a rendered command: a field that breaks its
 * grammar is left out (the failure itself is still worth diagnosing) and named in `dropped`.
 */
export function boundFailure(f: PullFailure): { failure: PullFailure; dropped: string[] } {
  const failure: PullFailure = { ...f };
  const dropped: string[] = [];
  const check = (field: 'container' | 'controller' | 'node' | 'reason' | 'firstSeen' | 'lastSeen', ok: (v: string) => boolean) => {
    const value = failure[field];
    if (value !== undefined && !ok(value)) {
      delete failure[field];
      dropped.push(field);
    }
  };
  check('container', isContainerName);
  check('controller', isController);
  check('node', isNodeName);
  check('reason', (v) => REASON.test(v));
  check('firstSeen', isTime);
  check('lastSeen', isTime);
  if (failure.message !== undefined && failure.message.length > MESSAGE_MAX_CHARS) failure.message = `${failure.message.slice(0, MESSAGE_MAX_CHARS)}…`;
  if (failure.count !== undefined && (!Number.isSafeInteger(failure.count) || failure.count < 0)) {
    delete failure.count;
    dropped.push('count');
  }
  return { failure, dropped };
}

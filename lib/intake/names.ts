/**
 * Name grammars for values that reach a KQL template, an ARM call or a rendered command.
 * Every check here is an allow-list: a value either matches the grammar or is rejected with a
 * message that says which grammar it broke ("not a valid pod name").
 */

import { parseImageRef } from '../image-ref/parse-image-ref';

export class InvalidNameError extends Error {
  override readonly name = 'InvalidNameError';
  constructor(
    /** What the value was supposed to be: "pod name", "namespace", "AKS cluster id", … */
    readonly kind: string,
    readonly value: string,
  ) {
    super(`not a valid ${kind}: ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)}`);
  }
}

// Kubernetes: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isDnsLabel(value: string): boolean {
  return value.length <= 63 && DNS_1123_LABEL.test(value);
}

export function isDnsSubdomain(value: string): boolean {
  return value.length <= 253 && DNS_1123_SUBDOMAIN.test(value);
}

/** Namespaces are DNS-1123 labels. */
export function isNamespace(value: string): boolean {
  return isDnsLabel(value);
}

/** Pod and node names are DNS-1123 subdomains. */
export function isPodName(value: string): boolean {
  return isDnsSubdomain(value);
}

/** Container names are DNS-1123 labels. */
export function isContainerName(value: string): boolean {
  return isDnsLabel(value);
}

/** Node names: DNS-1123 subdomain (AKS: `aks-nodepool1-12345678-vmss000000`). Case-insensitive in practice. */
export function isNodeName(value: string): boolean {
  return isDnsSubdomain(value.toLowerCase());
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isGuid(value: string): boolean {
  return GUID.test(value);
}

// ARM: resource group names allow alphanumerics, underscores, parentheses, hyphens and periods
// (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules).
// Resource names below are stricter than ARM (no spaces, quotes or slashes), which is all AKS/ACR allow.
// A segment of dots only (`..`) is no ARM name: in a request URL it would climb to the parent path.
const ARM_SEGMENT = /^(?!\.+$)[A-Za-z0-9_.()-]{1,90}$/;
// ARM ids are case-insensitive, and Azure Monitor lowercases them (`alertTargetIDs`, Log Analytics `_ResourceId`).
const ARM_ID = /^\/subscriptions\/([0-9a-f-]{36})\/resourcegroups\/([^/]+)\/providers\/([a-z0-9.]+)\/([a-z0-9/._()-]+)$/i;

/** A full ARM resource id below a resource group: `/subscriptions/<guid>/resourceGroups/<rg>/providers/<ns>/<type>/<name>…`. */
export function isArmResourceId(value: string): boolean {
  const m = ARM_ID.exec(value);
  if (!m || !isGuid(m[1]!) || !ARM_SEGMENT.test(m[2]!)) return false;
  const rest = m[4]!.split('/');
  return rest.length % 2 === 0 && rest.every((s) => ARM_SEGMENT.test(s));
}

/** An AKS cluster id: `…/providers/Microsoft.ContainerService/managedClusters/<name>`. */
export function isAksClusterId(value: string): boolean {
  return isArmResourceId(value) && /\/providers\/Microsoft\.ContainerService\/managedClusters\/[^/]+$/i.test(value);
}

/** A reference kubelet could pull: the distribution grammar, through lib/image-ref (one parser). */
export function isImageReference(value: string): boolean {
  return parseImageRef(value).ok;
}

/**
 * Image text as it appears in a failure signal. InvalidImageName failures carry references that do
 * not parse, and those must still reach the engine (category invalid_reference), so intake only
 * refuses text that could not be a reference at all: whitespace, quotes, control and format characters, > 1 KiB.
 */
export function isImageText(value: string): boolean {
  // \p{Cf} (bidi overrides, zero-width characters) and lone surrogates (\p{Cs}) would make a rendered name read as something else.
  return value.length > 0 && value.length <= 1024 && !/[\s"'`\u0000-\u001f\u007f]/.test(value) && !/[\p{Cf}\p{Cs}]/u.test(value);
}

/** A registry login server: a DNS name, optionally with a port. */
export function isRegistryHost(value: string): boolean {
  return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:[0-9]{1,5})?$/i.test(value) && value.length <= 253;
}

/** A repository path inside a registry (`team/app`). */
export function isRepositoryName(value: string): boolean {
  return value.length <= 256 && /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(value);
}

/** Throws InvalidNameError unless `test(value)`; returns the value for chaining. */
export function requireName(kind: string, value: string, test: (v: string) => boolean): string {
  if (!test(value)) throw new InvalidNameError(kind, value);
  return value;
}

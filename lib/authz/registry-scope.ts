import { isIPv4, isIPv6 } from 'node:net';
import { parseImageRef } from '../image-ref/parse-image-ref';

/**
 * Which registries an image typed in chat may send pull-doctor to. The engine reads the registry's
 * data plane, so an image reference is an outgoing request chosen by whoever types it: with
 * PULL_DOCTOR_ALLOWED_REGISTRIES set, only those login servers (and Docker Hub when listed as
 * docker.io); without it, only public DNS names — never an IP address, localhost or a single-label
 * host that could reach the Functions host's own network.
 */
export function chatRegistryProblem(image: string, allowedRegistries: readonly string[]): string | undefined {
  const parsed = parseImageRef(image);
  if (!parsed.ok) return 'not a valid image reference';
  const host = parsed.ref.registry.toLowerCase();
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  if (allowedRegistries.length > 0) {
    return allowedRegistries.includes(host) || allowedRegistries.includes(name) ? undefined : `registry ${host} is not in PULL_DOCTOR_ALLOWED_REGISTRIES`;
  }
  if (isIPv4(name) || isIPv6(name)) return `registry ${host} is an IP address; chat only asks registries by DNS name`;
  if (name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.local') || name.endsWith('.internal') || !name.includes('.')) {
    return `registry ${host} is not a public registry name`;
  }
  return undefined;
}

import type { ManifestFacts } from '../../lib/diagnosis/facts';
import type { CallOptions, RegistryAccess, RegistryClient, RegistryTag } from '../../lib/registry/registry-client';

/** What one registry host holds, for a check's facts-only test; an Error is what that read fails with. */
export interface HandBuiltRegistryContent {
  catalog?: string[] | Error;
  /** repository → its tags. */
  tags?: Record<string, RegistryTag[] | Error>;
  /** `repository:reference` (a tag or a digest) → what resolving it gives. */
  manifests?: Record<string, ManifestFacts | Error>;
}

/** One call a check made through the port: the host, the method, its arguments, and whether it passed an AbortSignal. */
export interface HandBuiltRegistryCall {
  host: string;
  call: string;
  signal: boolean;
}

/**
 * A RegistryAccess (the port checks read registries through) answering from hand-built content per
 * host, and recording every call. A read of something the content does not name rejects, naming it.
 * The registry wire (OCI distribution, ACR's API) is covered by the sandbox worlds, not here.
 */
export function handBuiltRegistries(content: Record<string, HandBuiltRegistryContent>): RegistryAccess & { calls: HandBuiltRegistryCall[]; hosts: string[] } {
  const calls: HandBuiltRegistryCall[] = [];
  const hosts: string[] = [];
  const answer = <T>(host: string, call: string, value: T | Error | undefined, options?: CallOptions): Promise<T> => {
    calls.push({ host, call, signal: options?.signal instanceof AbortSignal });
    if (value === undefined) return Promise.reject(new Error(`hand-built registry ${host} has no answer for ${call}`));
    return value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
  };
  return {
    calls,
    hosts,
    forHost(host: string): RegistryClient {
      hosts.push(host);
      const c = content[host] ?? {};
      return {
        host,
        listRepositories: (options) => answer(host, 'listRepositories', c.catalog, options),
        listTags: (repository, options) => answer(host, `listTags ${repository}`, c.tags?.[repository], options),
        resolve: (repository, reference, options) => answer(host, `resolve ${repository}:${reference}`, c.manifests?.[`${repository}:${reference}`], options),
      };
    },
  };
}

import type { Lookups } from '../../lib/diagnosis/check';

/** A Lookups that answered from hand-built data, and the keys it was asked for. */
export interface PresetLookups extends Lookups {
  readonly asked: string[];
}

/**
 * The run's Lookups port with its answers preset per key (lib/diagnosis/azure-lookups.ts names the
 * keys: `GET <resource id>`, `LIST <scope>/…`), for a check's facts-only test: a preset value
 * resolves, a preset Error rejects, and a key without a preset runs its loader as a cache miss
 * would (e.g. the Run Command through ctx.inCluster). A value is what that key's loader returns:
 * the SDK's type for a GET (ManagedCluster, PrivateEndpoint…), the collected array for a LIST.
 */
export function presetLookups(answers: Record<string, unknown>): PresetLookups {
  const asked: string[] = [];
  return {
    asked,
    get<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Promise<T> {
      asked.push(key);
      if (!(key in answers)) return load(new AbortController().signal);
      const answer = answers[key];
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer as T);
    },
  };
}

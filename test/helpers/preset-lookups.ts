import type { Lookups } from '../../lib/diagnosis/check';

/**
 * A Lookups that answers each cache key with a preset value instead of calling its loader: a check's
 * facts-only test (`<check>-logic.test.ts`) feeds it what Azure or a registry would have returned, in
 * the SDK's own shapes, keyed as lib/diagnosis/azure-lookups.ts (and the checks) key their reads. An
 * Error value rejects, as a failed read does. A key with no preset rejects too, naming the key, so a
 * check that reads something the test did not expect fails loudly instead of reaching a server —
 * unless `loadUnlisted` is set: then an unlisted key runs its loader (with a live AbortSignal), for
 * loaders that call the test's own hand-built ports (a RegistryAccess, a TokenCredential).
 * `asked` lists the keys in the order they were read. (No jest globals here: benchmarks may import helpers.)
 */
export interface PresetLookups extends Lookups {
  readonly asked: string[];
}

export function presetLookups(answers: Record<string, unknown>, options: { loadUnlisted?: boolean } = {}): PresetLookups {
  const asked: string[] = [];
  return {
    asked,
    get<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Promise<T> {
      asked.push(key);
      if (!Object.hasOwn(answers, key)) {
        return options.loadUnlisted ? load(new AbortController().signal) : Promise.reject(new Error(`no preset answer for lookup "${key}"`));
      }
      const answer = answers[key];
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer as T);
    },
  };
}

import type { CheckId } from '../model';
import type { Check } from './check';

/**
 * The checks to run when only `wanted` matter: those, plus every check that provides a fact one of
 * them needs (transitively), in the given order. Unknown ids select nothing.
 */
export function selectChecks(checks: readonly Check[], wanted: readonly CheckId[] | undefined): readonly Check[] {
  if (!wanted) return checks;
  const chosen = new Set<CheckId>();
  const visit = (id: CheckId) => {
    const check = checks.find((c) => c.id === id);
    if (!check || chosen.has(id)) return;
    chosen.add(id);
    for (const need of check.needs) for (const provider of checks.filter((c) => c.provides?.includes(need))) visit(provider.id);
  };
  wanted.forEach(visit);
  return checks.filter((c) => chosen.has(c.id));
}

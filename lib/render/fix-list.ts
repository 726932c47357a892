import type { Finding, Fix } from '../model';

/**
 * The fixes of the findings shown, each once: a fix superseded by a check that has its own fixes here
 * (the pull-secret check read the pod's secrets; the registry check could only advise one) is dropped.
 */
export function distinctFixes(findings: Finding[]): Fix[] {
  const withFixes = new Set(findings.filter((f) => f.fixes.length > 0).map((f) => f.checkId));
  const seen = new Set<string>();
  return findings
    .flatMap((f) => f.fixes)
    .filter((fix) => !(fix.supersededBy && withFixes.has(fix.supersededBy)))
    .filter((fix) => {
      const key = `${fix.text}\n${fix.command ?? ''}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .map(({ supersededBy: _superseded, ...fix }) => fix);
}

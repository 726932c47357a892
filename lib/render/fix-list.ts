import type { Evidence, Finding, Fix } from '../model';

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

/**
 * The evidence of the findings shown, each fact once: two causes often read the same thing (the
 * in-cluster DNS and private DNS checks both note the VNet's custom DNS servers), and a fact that
 * differs only in case or a leading "the" from one already listed with the same source is the same fact.
 */
export function distinctEvidence(findings: Finding[]): Evidence[] {
  const seen = new Set<string>();
  return findings
    .flatMap((f) => f.evidence)
    .filter((e) => {
      const key = `${e.fact.toLowerCase().replace(/^the\s+/, '')}\n${e.source}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
}

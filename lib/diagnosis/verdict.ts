import type { Category, CheckId, Classification, Finding, RootCause, Verdict } from '../model';

/**
 * Which checks can explain each kind of kubelet message. A failing check that explains the
 * message is the likeliest cause; a failing check that does not is still a cause (the message
 * can mislead: an anonymous retry turns "manifest unknown" into "unauthorized"), with less
 * confidence and the disagreement said out loud. A warning counts only when it explains the message.
 */
export const EXPLAINS: Record<Category, readonly CheckId[]> = {
  auth_missing: ['pull-permission', 'registry', 'cluster', 'image-reference', 'repository-tag', 'pull-secret', 'node-pull'],
  access_denied: ['pull-permission', 'network-rules', 'private-dns', 'private-endpoint', 'registry', 'pull-secret', 'in-cluster-dns', 'node-pull'],
  firewall_denied: ['network-rules', 'private-dns', 'private-endpoint', 'in-cluster-dns'],
  tag_not_found: ['repository-tag', 'image-reference'],
  repo_not_found: ['repository-tag', 'pull-permission', 'image-reference', 'registry'],
  platform_mismatch: ['platform'],
  // registry: a login server no readable subscription holds and DNS does not know is a deleted or mistyped registry.
  dns_failure: ['image-reference', 'registry', 'private-dns', 'private-endpoint', 'in-cluster-dns'],
  network_unreachable: ['private-endpoint', 'network-rules', 'private-dns', 'in-cluster-dns', 'node-pull', 'node-egress'],
  tls_error: ['image-reference'],
  rate_limited: ['image-reference', 'repository-tag'],
  timeout_or_size: ['image-size', 'geo-replication', 'network-rules', 'private-endpoint', 'node-egress'],
  disk_pressure: ['image-size'],
  invalid_reference: ['image-reference'],
  never_pull: ['image-reference'],
  registry_unavailable: ['registry', 'geo-replication'],
  unknown: [],
};

const CATEGORY_WORDS: Record<Category, string> = {
  auth_missing: 'the registry refused the kubelet’s credentials',
  access_denied: 'the registry denied access',
  firewall_denied: 'the registry firewall blocked the node',
  tag_not_found: 'the tag does not exist',
  repo_not_found: 'the repository does not exist or is not readable',
  platform_mismatch: 'the image has no variant for the node’s platform',
  dns_failure: 'the registry name did not resolve',
  network_unreachable: 'the registry could not be reached',
  tls_error: 'the TLS handshake with the registry failed',
  rate_limited: 'the registry rate-limited the pull',
  // Timeouts, and downloads that arrived short or corrupt (size or digest mismatch): the same family of cause.
  timeout_or_size: 'the pull timed out or its download did not arrive whole',
  disk_pressure: 'the node ran out of disk',
  invalid_reference: 'the image reference is invalid',
  never_pull: 'the pull policy is Never and the image is not on the node',
  registry_unavailable: 'the registry was unavailable',
  // Stryker disable next-line StringLiteral: never shown — every sentence with these words is about a recognised message
  unknown: 'nothing specific',
};

/** Where to look when the message names a cause that nothing in Azure explains: what lives in the cluster or on the node. */
const OUTSIDE_AZURE: Partial<Record<Category, string>> = {
  auth_missing:
    'if the pod has imagePullSecrets, the kubelet uses that secret instead of its identity — check it is for this registry and not expired (`kubectl get pod <pod> -o jsonpath={.spec.imagePullSecrets}`); otherwise re-check, the role may have been granted minutes ago.',
  access_denied:
    'if the pod has imagePullSecrets, that secret’s user or token lacks the repository — check it (`kubectl get pod <pod> -o jsonpath={.spec.imagePullSecrets}`); an ACR token’s scope map must include the repository.',
  never_pull: 'the pod’s imagePullPolicy is Never and the image is not on the node: set imagePullPolicy: IfNotPresent, or pre-load the image on every node.',
  tls_error: 'something between the nodes and the registry presents another certificate (a TLS-inspecting firewall or proxy): exempt the registry’s login server and data endpoints from inspection.',
  dns_failure: 'the node’s resolver is not Azure DNS as configured here (custom DNS, a conditional forwarder): from a node, `nslookup <login server>` shows what it resolves to.',
  disk_pressure: 'the node is short of disk for the image: `kubectl describe node <node>` shows DiskPressure; larger OS disks or image garbage collection help.',
  unknown: 'the cause is outside what pull-doctor can see (node-level DNS or proxy, a transient registry error). Re-check, and look at the node with `kubectl debug node/…`.',
};

const IN_CLUSTER_CHECKS: readonly CheckId[] = ['pull-secret', 'in-cluster-dns', 'node-pull'];

/** When the pod's pull secrets were read inside the cluster and are fine, say so instead of "check imagePullSecrets yourself". */
function inClusterHint(category: Category, findings: readonly Finding[]): string | undefined {
  const secrets = findings.find((f) => f.checkId === 'pull-secret' && f.status === 'pass');
  if (!secrets || (category !== 'auth_missing' && category !== 'access_denied')) return undefined;
  return `${secrets.summary} (read inside the cluster). Re-check: a role granted minutes ago takes effect on the next pull.`;
}

/** The classifier confidence from which a message alone establishes its category. */
const SURE = 0.9;

export function decideVerdict(classification: Classification, findings: readonly Finding[]): Verdict {
  const category = classification.category;
  // An ambiguous message ("pull access denied, repository does not exist or may require
  // authorization") is explained by what explains any of its candidates too.
  const explainers = new Set([category, ...classification.candidates].flatMap((c) => EXPLAINS[c]));
  const explains = (f: Finding) => explainers.has(f.checkId) || category === 'unknown';
  // A message the classifier is sure of (Docker Hub's `toomanyrequests`) is itself evidence: a
  // warning that explains it is the cause, not a possibility.
  const sure = classification.confidence >= SURE && classification.candidates.length === 0;
  const candidates: Array<RootCause & { failed: boolean }> = [];
  for (const f of findings) {
    if (f.status === 'fail') {
      candidates.push({ checkId: f.checkId, confidence: explains(f) ? 0.9 : 0.6, summary: f.summary, failed: true });
    } else if (f.status === 'warn' && explains(f) && category !== 'unknown') {
      candidates.push({ checkId: f.checkId, confidence: sure ? 0.9 : 0.6, summary: f.summary, failed: false });
    }
  }
  // At equal confidence a failed check (a fact) comes before a warning (a possibility): a registry
  // firewall that refuses the public IP only warns when the private endpoint path exists, and the
  // private DNS that sends nodes to the public IP is what failed. Then stable: the order of the chain.
  candidates.sort((a, b) => b.confidence - a.confidence || Number(b.failed) - Number(a.failed));
  const rootCauses: RootCause[] = candidates.map(({ failed: _failed, ...c }, i) => ({ ...c, confidence: i === 0 ? c.confidence : Math.min(c.confidence, 0.5) }));

  const unknowns = findings.filter((f) => f.status === 'unknown');
  const unknownThatMatters = unknowns.filter((f) => explains(f));
  const says = CATEGORY_WORDS[category];

  if (rootCauses.length > 0) {
    const top = rootCauses[0];
    const topExplains = explainers.has(top.checkId);
    const disagreement =
      category !== 'unknown' && !topExplains
        ? `The kubelet message says ${says}, but the checks point at ${top.checkId}: ${top.summary}`
        : undefined;
    return { outcome: 'cause_found', rootCauses, summary: top.summary, disagreement };
  }

  // Any check that could not run leaves the verdict open (for an unrecognised message every check matters).
  if (unknowns.length > 0) {
    const names = (unknownThatMatters.length ? unknownThatMatters : unknowns).map((f) => f.checkId).join(', ');
    // In-cluster reads say exactly what they could not read (the secret, the action Run Command needs).
    const inCluster = unknowns.filter((f) => IN_CLUSTER_CHECKS.includes(f.checkId)).map((f) => ` ${f.checkId}: ${f.summary}.`).join('');
    return {
      outcome: 'undecided',
      rootCauses: [],
      summary:
        category === 'unknown'
          ? `No cause found among the checks that ran, but ${names} could not be checked — see what pull-doctor could not read.`
          : `The kubelet message says ${says}, and ${names} — the check that would confirm it — could not be run; nothing else explains it.${inCluster} See what pull-doctor could not read.`,
    };
  }

  if (category !== 'unknown') {
    return {
      outcome: 'undecided',
      rootCauses: [],
      summary: `The kubelet message says ${says}, but every check that applies passed: ${inClusterHint(category, findings) ?? OUTSIDE_AZURE[category] ?? OUTSIDE_AZURE.unknown}`,
      disagreement: `The message says ${says}; the checks found nothing that explains it.`,
    };
  }

  const passed = findings.filter((f) => f.status === 'pass').map((f) => f.checkId);
  const notRun = findings.filter((f) => f.status === 'skipped').map((f) => f.checkId);
  const warned = findings.filter((f) => f.status === 'warn').map((f) => f.checkId);
  return {
    outcome: 'should_work',
    rootCauses: [],
    // Say exactly what was checked: a skipped check is never counted as "can pull".
    summary:
      `No cause found: ${passed.length} checks passed (${passed.join(', ')})` +
      (warned.length ? `; warnings that do not explain a failure: ${warned.join(', ')}` : '') +
      (notRun.length ? `; not checked: ${notRun.join(', ')}` : '') +
      '. If pods still fail, re-check with the pod’s latest Failed event.',
  };
}

import type { Category, Classification } from '../model/category';
import { readings } from './paste-noise';

/**
 * A paste that says a pull failed and nothing else: kubelet's `Back-off pulling image "x"`, the `Error: ErrImagePull`
 * event row, a `Failed to pull image "x"` cut before its error. No wording can decide the cause, but it is not a
 * blank either: the causes that most often stand behind such a paste in public reports (test/classifier's blind
 * batches 6–12, labelled from the threads' resolutions: a missing tag 6, a missing repository 4, a registry outage 3,
 * missing credentials, a platform, a firewall and a TLS error 1 each) are named as candidates, so the reader — and
 * pull-doctor's Azure checks, which run whatever the classifier says — know where to look first. Never a category.
 * Batches 13 and 14 (labelled the same way) added a missing tag twice, an unreachable registry twice and missing
 * credentials once — the commonest pull failure on AKS too (no AcrPull for the kubelet identity).
 */
export const CAUSELESS_CANDIDATES: readonly Category[] = ['tag_not_found', 'repo_not_found', 'auth_missing', 'registry_unavailable', 'network_unreachable'];

// kubelet's and the runtimes' words for a failed pull, with the image reference after them (quoted or not); kubectl's
// `is waiting to start: image can't be pulled`; dockershim's `failed pulling image "x":` cut there (Azure/aks-engine#4627);
// kind's retry `Trying again to pull image: "x"` (kubernetes-sigs/kind#2220); the Jenkins Kubernetes plugin's reaper, which
// says `Unable to pull Docker image "x". Check if image tag name is spelled correctly.` for any back-off (its Reaper.java
// matches "Back-off pulling image"; jenkinsci/docker-inbound-agent#211).
const FAILED_PULL =
  /back-off pulling image|failed (?:to pull(?: and unpack)?|pulling) image|trying and failing to pull image|error pulling image|failed to resolve reference|ErrImagePull|ImagePullBackOff|image can't be pulled|trying again to pull image|unable to pull (?:docker |container )?image/i;
const REFERENCE = String.raw`(?:[: ]+(?:"[^"]*"|[^\s"]+))?`;
/**
 * What carries no cause: the failed-pull words and their reference, kubelet's progress line (`Pulling image "x"`), its
 * wrappers (`Error syncing pod, skipping`, `failed to "StartContainer" for "app" with`, `Error:`), the Failed column.
 */
const NO_CAUSE = new RegExp(
  [
    `(?:${FAILED_PULL.source}|pulling image)${REFERENCE}`,
    String.raw`error syncing pod\b[^:]*?skipping`,
    String.raw`failed to "?StartContainer"? for (?:"[^"]*"|\S+) with`,
    // kubectl logs: `container "x" in pod "y" is waiting to start: trying and failing to pull image`; KubeEdge's edged:
    // `DockerManager EnsureImageExists failed, msg:Back-off pulling image "x"` (kubeedge/kubeedge#259).
    String.raw`stream logs failed`,
    String.raw`error from server \(BadRequest\):`,
    String.raw`EnsureImageExists failed, msg:`,
    // kubelet's kuberuntime_manager: `container start failed: ImagePullBackOff: Back-off pulling image "x"`.
    String.raw`container start failed:`,
    // The pod's ContainersReady condition (kubelet status/generate.go), quoted by operators that relay it (flyteorg/flyte#1319).
    String.raw`containers with (?:unready|unknown) status: \[[^\]]*\]`,
    // A wrapper's bare exit status or gRPC code Unknown says only that the command failed (kind's exec: `command "docker
    // pull x" failed with error: exit status 1`, under its `failed to create cluster:`, kubernetes-sigs/kind#1328); the
    // Jenkins reaper's advice; dockershim's
    // `Sandbox for pod "x" failed:`.
    String.raw`command "[^"]*"\s*failed with error: exit status \d+`,
    String.raw`failed to create cluster:`,
    // gRPC's Unknown code only when the failed-pull words follow it: anything else after it is the runtime's own error.
    String.raw`rpc error: code = Unknown desc = (?=${FAILED_PULL.source})`,
    String.raw`check if image tag name is spelled correctly`,
    String.raw`sandbox for pod "[^"]*" failed:`,
    String.raw`\berror:\s?`,
    String.raw`\bFailed:\s`,
    String.raw`\b(?:Warning|Normal)\s+(?:Failed|BackOff)\b`,
  ].join('|'),
  'gi',
);
// Any word of an error left once those are gone is a cause the rules did not know, not an absent one.
const CAUSE_WORD = /\b(?:error|fail(?:ed|ure|ing)?|denied|unauthori[sz]ed|forbidden|not found|unknown|refused|time(?:d)? ?out|EOF|reset|invalid|unable|cannot|can't|no such|desc|code|status|exit|not supported|unsupported|rejected|exceeded|canceled|cancelled)\b/i;

/** The reading without the words that carry no cause, nor names (a host, an image, a file: `region-code.example`). */
function residue(reading: string): string {
  const words = reading.replace(NO_CAUSE, ' ');
  // Stryker disable next-line StringLiteral: a name runs from blank to blank (\S* on both sides), so what takes its place joins no two words
  return words.replace(/\S*[./]\S*/g, ' ');
}

/**
 * The paste names a failed pull and, once the words that carry no cause are gone, no word of an error is left in the
 * reading with its wraps undone right (a hard wrap can cut a word of the error, which that reading shows whole).
 */
export function isCauselessPull(text: string): boolean {
  const all = readings(text);
  // A wrapped paste is judged by its unwrapped readings (folded, joined): a fold splits a word a wrap cut, a join glues
  // two, so the reading in which the most of kubelet's own words read whole is the one put back right (ties: all of them).
  const unwrapped = all.length > 1 ? all.slice(1) : all;
  const whole = unwrapped.map((reading) => reading.match(NO_CAUSE)?.length ?? 0);
  const most = Math.max(...whole);
  const best = unwrapped.filter((_, i) => whole[i] === most);
  return all.some((reading) => FAILED_PULL.test(reading)) && !best.some((reading) => CAUSE_WORD.test(residue(reading)));
}

/** An unrecognised, causeless pull gets the usual causes as candidates; anything else is returned as it is. */
export function withCauselessCandidates(result: Classification, text: string): Classification {
  if (result.category !== 'unknown' || result.candidates.length > 0 || !isCauselessPull(text)) return result;
  return {
    ...result,
    candidates: [...CAUSELESS_CANDIDATES],
    explanation:
      'The paste says the pull failed but not why (kubelet’s back-off line or an event cut before its error). Most often a tag or repository that does not exist, missing registry credentials, a registry outage or a registry the node cannot reach: the full error is in `kubectl describe pod` (the Failed event) or the kubelet log.',
  };
}

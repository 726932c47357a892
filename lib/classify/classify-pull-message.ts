import { CATEGORIES, type Category, type Classification } from '../model/category';
import { PULL_ERROR_RULES, type PullErrorRule } from './pull-error-rules';
import { readings, withoutAnsi, withoutEscaping } from './paste-noise';
import { splitAggregate, stripWrappers, withDistributionCodesSpelled, withoutAnonymousRetryNoise, withoutKlogKeys } from './runtime-error';
import { withStructuralFallback } from './structural-fallback';
import { withCauselessCandidates } from './causeless-pull';
import { withoutWebTypography, withoutYamlQuoting } from './paste-sources';
import { withArchitectureRepositoryCandidate } from './arch-named-image';

/**
 * At most this much of a message is read: real pull errors are well under 16 KB, pasted logs are not. A longer
 * paste is read as its first and last halves — `kubectl describe pod` prints the Events, with the pull error, last.
 */
export const CLASSIFY_INPUT_MAX = 16 * 1024;

function bounded(raw: string): string {
  // Stryker disable next-line EqualityOperator: at exactly the limit the two halves are the whole text, and the newline put between them is undone by the joined reading.
  if (raw.length <= CLASSIFY_INPUT_MAX) return raw;
  const half = CLASSIFY_INPUT_MAX / 2;
  return `${raw.slice(0, half)}\n${raw.slice(raw.length - half)}`;
}

const KUBELET_REASONS = [
  'ErrImageNeverPull',
  'InvalidImageName',
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageInspect',
  'ImageInspectError',
  'RegistryUnavailable',
  'SignatureValidationFailed',
] as const;
const REASON_PATTERN = new RegExp(`\\b(${KUBELET_REASONS.join('|')})\\b`, 'i');

/** The kubelet reason a (possibly wrapped or re-cased) text names, in kubelet's spelling. */
function reasonIn(text: string): string | undefined {
  for (const reading of readings(text)) {
    const found = REASON_PATTERN.exec(reading)?.[1].toLowerCase();
    if (found) return KUBELET_REASONS.find((reason) => reason.toLowerCase() === found);
  }
  return undefined;
}

/** What the kubelet reason alone says when the message has nothing better. */
const REASON_ONLY: Record<string, Pick<Classification, 'category' | 'confidence' | 'candidates' | 'explanation'>> = {
  ErrImageNeverPull: {
    category: 'never_pull',
    confidence: 0.9,
    candidates: [],
    explanation: 'imagePullPolicy is Never and the image is not on the node, so kubelet will not pull it.',
  },
  InvalidImageName: {
    category: 'invalid_reference',
    confidence: 0.9,
    candidates: [],
    explanation: 'The image reference in the pod spec is malformed, so it is never pulled.',
  },
  RegistryUnavailable: {
    category: 'registry_unavailable',
    confidence: 0.6,
    candidates: ['network_unreachable'],
    explanation: 'kubelet reports the registry as unavailable.',
  },
};

const UNRECOGNISED: Classification = {
  category: 'unknown',
  confidence: 0,
  candidates: [],
  explanation: 'The message matches no known image pull failure wording.',
};

function unknown(explanation: string): Classification {
  return { ...UNRECOGNISED, explanation };
}

/**
 * Removes paste noise (colour codes, string escaping) and control characters; reports when the input is
 * mostly not text (binary, wrong encoding).
 */
function cleanText(raw: string): { text: string; binary: boolean } {
  const head = withDistributionCodesSpelled(withoutKlogKeys(withoutEscaping(withoutYamlQuoting(withoutWebTypography(withoutAnsi(bounded(raw)))))));
  // eslint-disable-next-line no-control-regex
  const junk = head.match(/[\u0000-\u0008\u000e-\u001f\u007f\uFFFD]/g)?.length ?? 0;
  // Stryker disable next-line Regex: one space per character or per run is the same once blanks collapse.
  // eslint-disable-next-line no-control-regex
  const text = head.replace(/[\u0000-\u0008\u000e-\u001f\u007f\uFFFD]+/g, ' ').replace(/[ \t]+/g, ' ');
  return { text, binary: junk * 10 > head.length };
}

function ruleMatches(rule: PullErrorRule, text: string): boolean {
  return rule.patterns.every((pattern) => pattern.test(text)) && !(rule.unless && rule.unless.test(text));
}

function firstMatchIndex(text: string, rules: readonly PullErrorRule[]): number {
  const index = rules.findIndex((rule) => ruleMatches(rule, text));
  return index < 0 ? rules.length : index;
}

function withoutSelf(candidates: readonly Category[], category: Category): Category[] {
  return [...new Set(candidates)].filter((candidate) => candidate !== category);
}

/**
 * Maps kubelet event text (and the container runtime's error inside it) to a category, a confidence,
 * the categories the text cannot rule out, and a one-line explanation. Never throws.
 */
export function classifyPullMessage(text: string, reason?: string): Classification {
  return classifyPullMessageWith(PULL_ERROR_RULES, text, reason);
}

/** The same with another rule table: the rule audit (test/classifier) replays the corpus on edited tables. */
export function classifyPullMessageWith(rules: readonly PullErrorRule[], text: string, reason?: string): Classification {
  try {
    return classify(text, reason, rules);
  } catch (error) {
    // Defensive: the rules are plain regular expressions on bounded input; a throw is a bug here.
    return unknown(`The message could not be classified (${error instanceof Error ? error.message : String(error)}).`);
  }
}

/**
 * The errors that decide: kubelet's per-credential aggregate split, the anonymous retry's 401 dropped when
 * something else failed. When 401s were dropped, missing credentials stay possible.
 */
function decidingErrors(text: string): { errors: string[]; droppedAuthFailure: boolean; attempts: number } {
  const attempts = splitAggregate(text);
  const errors = withoutAnonymousRetryNoise(attempts);
  return { errors, droppedAuthFailure: errors.length < attempts.length, attempts: attempts.length };
}

/**
 * The reading of a possibly wrapped message that decides: the one in which kubelet's per-credential aggregate splits
 * into the most errors (a terminal wrap can cut its ", rpc error: code = " joint, and an unsplit aggregate keeps the
 * anonymous retry's 401 that the split drops as noise); among those, the one a more specific (earlier) rule matches,
 * else the text as pasted. Returns the deciding errors of that reading and the rule.
 */
function decide(text: string, rules: readonly PullErrorRule[]) {
  const read = (reading: string) => {
    const deciding = decidingErrors(reading);
    return { ...deciding, index: firstMatchIndex(deciding.errors.join(', '), rules) };
  };
  const [asPasted, ...unwrapped] = readings(text);
  let best = read(asPasted);
  for (const reading of unwrapped) {
    const candidate = read(reading);
    if (candidate.attempts > best.attempts || (candidate.attempts === best.attempts && candidate.index < best.index)) best = candidate;
  }
  return { ...best, rule: rules[best.index] as PullErrorRule | undefined };
}

/** The text the rules are matched against (exported for the rule audit). */
export function decidingText(raw: string, rules: readonly PullErrorRule[] = PULL_ERROR_RULES): string {
  return decide(cleanText(raw).text, rules).errors.join(', ');
}

// containers/image (podman, buildah, CRI-O) tries a short name on every search registry and lists each failure
// ("The following failures happened while trying to pull image specified by …", "N errors occurred while pulling:",
// one "* " item per registry). Which registry was meant is not in the text, so every registry's answer stays a candidate.
// go-multierror lists the same way ("6 errors occurred:", one "* " item per source: trivy's docker, containerd, podman and
// remote image sources, aquasecurity/trivy-operator#1885).
const SEARCH_LIST = /following failures happened while trying to pull image|errors occurred(?: while pulling)?:/i;

function searchListCandidates(text: string, rules: readonly PullErrorRule[]): Category[] {
  // Every reading of a wrapped paste (a wrap can cut the header or the "* " joints): an item starts at "* " after a
  // blank or a colon, or at `* "registry/name"` wherever a joined line put it. One blank after the star is enough:
  // cleanText collapsed runs of blanks, and the folded reading turns a line break beside the star into one blank.
  // What comes before the first item is read too: the header names no cause, and a cause pasted before the list (a
  // retry warning podman printed first) is one more candidate.
  return readings(text)
    .filter((reading) => SEARCH_LIST.test(reading))
    .flatMap((reading) => reading.split(/[\s:]\*\s|\*\s(?=")/))
    .flatMap((item) => {
      const category = decide(item, rules).rule?.category;
      return category && category !== 'unknown' ? [category] : [];
    })
    .sort((a, b) => CATEGORIES.indexOf(a) - CATEGORIES.indexOf(b)); // the same list whatever the reading
}

function classify(input: unknown, reasonInput: unknown, rules: readonly PullErrorRule[]): Classification {
  const raw = typeof input === 'string' ? input : '';
  const { text, binary } = cleanText(raw);
  const reason = (typeof reasonInput === 'string' && reasonInput.trim()) || reasonIn(text);
  const withReason = (c: Classification): Classification => (reason ? { ...c, reason } : c);

  if (binary) return withReason(unknown('The input does not look like text (binary data or not UTF-8).'));
  if (text.trim().length === 0) {
    const byReason = reason ? REASON_ONLY[reason] : undefined;
    return withReason(byReason ? { ...byReason } : unknown('The message is empty.'));
  }

  const { errors, droppedAuthFailure, rule } = decide(text, rules);
  // Pasted `kubectl describe` output: the runtime error comes from the line the rule matched.
  const lines = errors[0].split('\n');
  const line = (rule && lines.find((l) => ruleMatches(rule, l))) || errors[0];
  const { inner, stripped } = stripWrappers(line);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a line a rule matched never peels down to nothing.
  const runtimeError = stripped && inner.length > 0 ? inner : undefined;

  let result: Classification;
  if (rule) {
    result = {
      category: rule.category,
      confidence: rule.confidence,
      candidates: withoutSelf(
        [...rule.candidates, ...(droppedAuthFailure ? (['auth_missing'] as Category[]) : []), ...searchListCandidates(text, rules)],
        rule.category,
      ),
      explanation: rule.explanation,
    };
  } else {
    const byReason = reason ? REASON_ONLY[reason] : undefined;
    // Precedence: specific rules, then kubelet's reason, then the structural reading, then a causeless pull's usual causes, then unknown.
    result = byReason
      ? { ...byReason, candidates: [...byReason.candidates] }
      : withCauselessCandidates(withStructuralFallback({ ...UNRECOGNISED }, errors.join(', ')), text);
  }
  result = withArchitectureRepositoryCandidate(result, text);
  if (runtimeError && result.category !== 'unknown') result.runtimeError = runtimeError;
  return withReason(result);
}

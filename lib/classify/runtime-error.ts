/**
 * Peels the kubelet / CRI / containerd wrappers off a pull error to reach the runtime's own words:
 *   Failed to pull image "x": rpc error: code = NotFound desc = failed to pull and unpack image "x":
 *   failed to resolve reference "x": x: not found            →  x: not found
 */

/** Wrappers, each anchored at the start; applied repeatedly until none matches. */
const WRAPPERS: readonly RegExp[] = [
  // Stryker disable next-line Regex: the loop strips one blank at a time or a run at once alike.
  /^\s+/,
  /^\[/, // kubelet's aggregate of one error per credential: "[err1, err2]"
  // `kubectl describe` event row: "Warning  Failed  2m (x4 over 3m)  kubelet  Failed to pull …" (older kubectl:
  // "kubelet, <node>"). The columns between the type and the first "kubelet" (type, reason, age: never that word)
  // are skipped whatever they hold; blanks after it go with the leading-blank wrapper above.
  /^(?:Warning|Normal)\s.*?kubelet(?:, \S+)?\s/,
  /^(?:ErrImagePull|ImagePullBackOff|Failed):\s*/,
  /^Failed to pull image "[^"]*":\s*/i,
  /^rpc error: code = \w+ desc = /i,
  /^Error response from daemon:\s*/i,
  /^ctr:\s*/,
  /^failed to pull and unpack image "[^"]*":\s*/i,
  /^failed to resolve (?:reference|image) "[^"]*":\s*/i,
  /^failed to do request: \w+ "[^"]*":\s*/i,
  /^(?:Error )?initializing source \S+:\s*/i,
];

const RUNTIME_ERROR_MAX = 600;

// kubelet's structured log line (klog key=value) puts its own keys after the error:
//   … err="… with ErrImagePull: \"…: denied\"" pod="ns/app-1" podUID="…"   (or image="…", logger="UnhandledError")
// They are kubelet's, never the runtime's: dropping that tail makes the error's end the end of its line again.
const KLOG_KEYS_TAIL = /(?<=")(?:\s+(?:pod|podUID|image|logger)=(?:"[^"\n]*"|[^\s"]+))+[ \t]*$/gim;

// The OCI distribution spec's error codes (distribution-spec spec.md, "Error codes"): dockerd and containerd print a
// code's words ("manifest unknown: manifest unknown"); go-containerregistry clients (crane, kaniko, ko, Flux, Kyverno,
// admission webhooks) print the code itself ("MANIFEST_UNKNOWN: Failed to fetch …"). Spelled as words, one wording serves both.
const DISTRIBUTION_CODES = /\b(BLOB_UNKNOWN|BLOB_UPLOAD_INVALID|BLOB_UPLOAD_UNKNOWN|DIGEST_INVALID|MANIFEST_BLOB_UNKNOWN|MANIFEST_INVALID|MANIFEST_UNKNOWN|NAME_INVALID|NAME_UNKNOWN|SIZE_INVALID|TAG_INVALID)\b/gi;

export function withDistributionCodesSpelled(text: string): string {
  return text.replace(DISTRIBUTION_CODES, (code: string) => code.toLowerCase().replace(/_/g, ' '));
}

export function withoutKlogKeys(text: string): string {
  return text.replace(KLOG_KEYS_TAIL, '');
}

export function stripWrappers(text: string): { inner: string; stripped: boolean } {
  let inner = text;
  let stripped = false;
  for (let changed = true; changed; ) {
    changed = false;
    for (const wrapper of WRAPPERS) {
      const next = inner.replace(wrapper, '');
      if (next !== inner) {
        if (wrapper.source !== '^\\s+') stripped = true;
        inner = next;
        changed = true;
      }
    }
  }
  inner = inner.replace(/\]\s*$/, '').trim();
  if (inner.length > RUNTIME_ERROR_MAX) inner = `${inner.slice(0, RUNTIME_ERROR_MAX)}…`;
  return { inner, stripped };
}

/**
 * kubelet tries each credential and then anonymously, and reports all failures as
 * "[rpc error: … (with credentials), rpc error: … (anonymous)]". Splits that list into its errors.
 */
export function splitAggregate(text: string): string[] {
  return text.split(/,\s*(?=rpc error: code = )/i);
}

const AUTH_ONLY = /unauthorized|authentication required/i;

/**
 * The anonymous retry in an aggregate almost always ends in "401 Unauthorized" and says nothing about
 * the real failure; when other errors are present, those decide.
 */
export function withoutAnonymousRetryNoise(parts: string[]): string[] {
  const informative = parts.filter((part) => !AUTH_ONLY.test(part));
  return informative.length > 0 ? informative : parts;
}

import type { AzureCloud, ImageRef } from '../model/image-ref';
import { acrLoginServer, recognizeAcrHost, suggestAcrHost } from './acr-host';

/**
 * Image reference parsing after the distribution reference grammar
 * (github.com/distribution/reference, regexp.go and normalize.go), which is what kubelet and
 * containerd use, plus Docker's defaults (docker.io, library/, latest).
 */

export type ImageRefPart = 'registry' | 'repository' | 'tag' | 'digest' | 'reference';

export type ParseImageRefResult =
  | { ok: true; ref: ImageRef }
  /** `suggestion`, when set, is a whole corrected reference that parses (trimmed, lowercased, host fixed). */
  | { ok: false; error: string; part: ImageRefPart; suggestion?: string };

export interface ParseImageRefOptions {
  /** ACR names known to the caller; `myacr/app` then suggests `myacr.azurecr.io`. */
  knownAcrNames?: readonly string[];
  /** Cloud used for the suggested login server (default AzureCloud). */
  cloud?: AzureCloud;
}

/** distribution/reference: NameTotalLengthMax. */
export const NAME_TOTAL_LENGTH_MAX = 255;
/** Longer input cannot be a reference (name 255 + tag 129 + digest ~140); not echoed back in full. */
const INPUT_LENGTH_MAX = 1024;

const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';

// regexp.go: alphanumeric, separator `(?:[._]|__|[-]+)`, pathComponent.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
// regexp.go: domainNameComponent, ipv6address, optionalPort.
const DOMAIN_NAME = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*$/;
const IPV6_LITERAL = /^\[[a-fA-F0-9:]+\]$/;
const PORT = /^[0-9]+$/;
const TAG = /^[\w][\w.-]{0,127}$/;
// regexp.go digestPat's algorithm part; the encoded part is checked per algorithm below (go-digest).
const DIGEST_ALGORITHM = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*$/;
/** go-digest: registered algorithms and their lowercase-hex lengths. */
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
// normalize.go rejects a bare 64-hex name: it would be read as an image id.
const IMAGE_ID = /^[a-f0-9]{64}$/;

/** Shortens text for an error message so a 1 MB input never comes back whole. */
function quote(text: string, max = 80): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

const fail = (part: ImageRefPart, error: string, suggestion?: string): ParseImageRefResult =>
  suggestion === undefined ? { ok: false, part, error } : { ok: false, part, error, suggestion };

/** Keeps a suggested reference only when it really parses, so a suggestion is never itself wrong. */
function withSuggestion(result: ParseImageRefResult, reference: string | undefined): ParseImageRefResult {
  if (result.ok) return result;
  const { suggestion: _dropped, ...rest } = result;
  return reference !== undefined && parseChecked(reference, {}).ok ? { ...rest, suggestion: reference } : rest;
}

function checkInput(text: unknown): ParseImageRefResult | undefined {
  if (typeof text !== 'string') return fail('reference', 'image reference must be a string');
  if (text.length === 0) return fail('reference', 'image reference is empty');
  if (text.length > INPUT_LENGTH_MAX) {
    return fail('reference', `image reference is ${text.length} characters long; a valid one is far shorter (name at most ${NAME_TOTAL_LENGTH_MAX})`);
  }
  if (text.includes('\uFFFD')) return fail('reference', 'image reference contains U+FFFD: the input was not valid UTF-8');
  if (/[ \t\r\n]/.test(text)) {
    const trimmed = text.trim();
    return /\s/.test(trimmed) || trimmed.length === 0
      ? fail('reference', `image reference contains whitespace: ${quote(text)}`)
      : fail('reference', `image reference has leading or trailing whitespace: ${quote(text)}`, trimmed);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) return fail('reference', 'image reference contains control characters (binary input?)');
  // eslint-disable-next-line no-control-regex
  if (/[^\u0021-\u007e]/.test(text)) return fail('reference', `image reference contains non-ASCII characters: ${quote(text)}`);
  return undefined;
}

function checkDigest(digest: string): ParseImageRefResult | undefined {
  const colon = digest.indexOf(':');
  if (colon <= 0) return fail('digest', `digest ${quote(digest)} must be <algorithm>:<hex>, e.g. sha256:<64 hex digits>`);
  const algorithm = digest.slice(0, colon);
  const encoded = digest.slice(colon + 1);
  if (!DIGEST_ALGORITHM.test(algorithm)) return fail('digest', `digest algorithm ${quote(algorithm)} is malformed`);
  const hexLength = DIGEST_HEX_LENGTH[algorithm];
  if (hexLength === undefined) return fail('digest', `unsupported digest algorithm ${quote(algorithm)} (sha256, sha384 or sha512)`);
  if (/[A-F]/.test(encoded) && /^[a-fA-F0-9]+$/.test(encoded)) {
    return fail('digest', `${algorithm} digest must be lowercase hex`);
  }
  if (!/^[a-f0-9]*$/.test(encoded)) return fail('digest', `${algorithm} digest must be hex digits only`);
  if (encoded.length !== hexLength) {
    return fail('digest', `${algorithm} digest must have ${hexLength} hex digits, this one has ${encoded.length}`);
  }
  return undefined;
}

function checkDomain(domain: string): ParseImageRefResult | undefined {
  let host = domain;
  let port: string | undefined;
  if (domain.startsWith('[')) {
    const close = domain.indexOf(']');
    host = close < 0 ? domain : domain.slice(0, close + 1);
    const after = close < 0 ? '' : domain.slice(close + 1);
    if (after !== '') {
      if (!after.startsWith(':')) return fail('registry', `registry ${quote(domain)}: unexpected text after the IPv6 address`);
      port = after.slice(1);
    }
    if (!IPV6_LITERAL.test(host)) return fail('registry', `registry ${quote(domain)} is not a valid bracketed IPv6 address`);
  } else {
    const colon = domain.indexOf(':');
    if (colon >= 0) {
      host = domain.slice(0, colon);
      port = domain.slice(colon + 1);
    }
    if (!DOMAIN_NAME.test(host)) {
      const hint = suggestAcrHost(host);
      const why = host.endsWith('.') ? 'ends with a dot' : host.includes('_') ? 'contains "_"' : 'is not a valid host name';
      return fail('registry', `registry host ${quote(host)} ${why}${hint ? `; did you mean ${hint}?` : ''}`, hint);
    }
  }
  if (port !== undefined) {
    if (!PORT.test(port)) return fail('registry', `registry port ${quote(port)} must be digits`);
    if (Number(port) > 65535) return fail('registry', `registry port ${port} is out of range (1–65535)`);
  }
  return undefined;
}

function checkPath(path: string): ParseImageRefResult | undefined {
  if (path.length === 0) return fail('repository', 'repository name is empty');
  if (/[A-Z]/.test(path)) {
    return fail('repository', `repository name must be lowercase: ${quote(path)} (try ${quote(path.toLowerCase())})`);
  }
  const components = path.split('/');
  for (const component of components) {
    if (component.length === 0) return fail('repository', `repository ${quote(path)} has an empty path component ("//" or a leading/trailing "/")`);
    if (!PATH_COMPONENT.test(component)) {
      return fail(
        'repository',
        `repository path component ${quote(component)} is invalid: use lowercase letters and digits separated by ".", "_", "__" or "-"`,
      );
    }
  }
  return undefined;
}

/** True when the text before the first "/" names a registry host (distribution's splitDockerDomain). */
function looksLikeDomain(first: string): boolean {
  return first.includes('.') || first.includes(':') || first === 'localhost' || first.toLowerCase() !== first;
}

/** Parses an image reference as kubelet would; never throws. */
export function parseImageRef(text: string, options: ParseImageRefOptions = {}): ParseImageRefResult {
  try {
    return parseChecked(text, options);
  } catch (error) {
    // Defensive: every path above returns; an exception here is a bug, not the caller's problem.
    return fail('reference', `could not parse image reference: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseChecked(text: string, options: ParseImageRefOptions): ParseImageRefResult {
  const bad = checkInput(text);
  // The trimmed text may be wrong besides: then suggest its own correction (which parses), or none.
  if (bad) {
    const trimmed = bad.ok || bad.suggestion === undefined ? undefined : parseChecked(bad.suggestion, options);
    return trimmed && !trimmed.ok ? withSuggestion(bad, trimmed.suggestion) : bad;
  }

  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (digest.includes('@')) return fail('digest', 'image reference contains more than one "@"');
    const badDigest = checkDigest(digest);
    if (badDigest) return badDigest;
  }

  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG.test(tag)) {
      return fail(
        'tag',
        tag.length === 0
          ? 'tag is empty (nothing after ":")'
          : tag.length > 128
            ? `tag is ${tag.length} characters; at most 128 are allowed`
            : `tag ${quote(tag)} is invalid: letters, digits, "_", "." and "-", not starting with "." or "-"`,
      );
    }
  }

  const slash = rest.indexOf('/');
  let domain: string | undefined;
  let path = rest;
  if (slash >= 0 && looksLikeDomain(rest.slice(0, slash))) {
    domain = rest.slice(0, slash);
    path = rest.slice(slash + 1);
    const badDomain = checkDomain(domain);
    // checkDomain suggests a host; the caller gets the whole reference with that host.
    if (badDomain) return withSuggestion(badDomain, badDomain.ok ? undefined : badDomain.suggestion && `${badDomain.suggestion}${text.slice(domain.length)}`);
  } else if (rest.startsWith('[')) {
    return fail('repository', `${quote(rest)} has a registry but no repository`);
  }

  if (rest.length === 0) return fail('repository', 'repository name is empty');
  if (domain === undefined && IMAGE_ID.test(rest)) {
    return fail('repository', 'a 64-hex-digit name is an image id, not a repository; write the image name (and @sha256:<digest> for a digest)');
  }
  const badPath = checkPath(path);
  if (badPath) {
    const lowered = /[A-Z]/.test(path) ? `${domain === undefined ? '' : `${domain}/`}${path.toLowerCase()}${text.slice(rest.length)}` : undefined;
    return withSuggestion(badPath, lowered);
  }
  if (rest.length > NAME_TOTAL_LENGTH_MAX) {
    return fail('repository', `image name is ${rest.length} characters long; at most ${NAME_TOTAL_LENGTH_MAX} are allowed`);
  }

  const registryDefaulted = domain === undefined;
  let registry = (domain ?? DEFAULT_DOMAIN).toLowerCase();
  if (registry === LEGACY_DEFAULT_DOMAIN) registry = DEFAULT_DOMAIN;
  const repository = registry === DEFAULT_DOMAIN && !path.includes('/') ? `${OFFICIAL_REPO_PREFIX}${path}` : path;
  const tagDefaulted = tag === undefined && digest === undefined;

  const ref: ImageRef = {
    original: text,
    registry,
    repository,
    ...(tagDefaulted ? { tag: 'latest' } : tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
    registryDefaulted,
    tagDefaulted,
  };
  const acr = recognizeAcrHost(registry);
  if (acr) ref.acr = acr;
  const suggestion = acr ? undefined : suggestRegistry(registry, registryDefaulted, path, options);
  if (suggestion) ref.suggestion = suggestion;
  return { ok: true, ref };
}

function suggestRegistry(registry: string, registryDefaulted: boolean, path: string, options: ParseImageRefOptions): string | undefined {
  if (!registryDefaulted) return suggestAcrHost(registry);
  // `myacr/app` is Docker Hub user "myacr" to kubelet; when "myacr" is a registry the caller knows,
  // the author almost certainly meant the ACR login server.
  const first = path.split('/')[0];
  if (path.includes('/') && options.knownAcrNames?.some((name) => name.toLowerCase() === first)) {
    return acrLoginServer(first, options.cloud);
  }
  return undefined;
}

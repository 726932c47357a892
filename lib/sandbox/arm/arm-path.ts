/**
 * ARM request paths: normalisation and the parts the sandbox needs (subscription, resource group,
 * provider namespace, type/name chain, the RBAC action a GET needs).
 */

/**
 * `//subscriptions/x/` → `/subscriptions/x`. @azure/arm-authorization joins `/{scope}` with a scope
 * that already starts with `/`, so doubled slashes are normal input. Segments are URL-decoded.
 */
export function normalizePath(pathname: string): string {
  const segments = pathname
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return '/' + segments.join('/');
}

/** Comparison key: ARM ids are case-insensitive. */
export function idKey(id: string): string {
  return normalizePath(id).toLowerCase();
}

export interface ParsedArmPath {
  segments: string[];
  subscriptionId?: string;
  resourceGroup?: string;
  /** Index in `segments` of the last `providers` segment, -1 when none. */
  providersAt: number;
  /** e.g. Microsoft.ContainerRegistry */
  namespace?: string;
  /** Type chain after the namespace, e.g. ['registries', 'replications']. */
  types: string[];
  /** Names matching `types` (one fewer when the path is a collection). */
  names: string[];
  /** True when the path names a collection (ends with a type), false when it names one resource. */
  isCollection: boolean;
}

export function parseArmPath(path: string): ParsedArmPath {
  const segments = normalizePath(path).split('/').filter(Boolean);
  const lower = segments.map((s) => s.toLowerCase());
  const result: ParsedArmPath = { segments, providersAt: lower.lastIndexOf('providers'), types: [], names: [], isCollection: false };
  if (lower[0] === 'subscriptions' && segments[1]) result.subscriptionId = segments[1];
  if (lower[2] === 'resourcegroups' && segments[3]) result.resourceGroup = segments[3];
  if (result.providersAt >= 0) {
    const rest = segments.slice(result.providersAt + 1);
    result.namespace = rest[0];
    const chain = rest.slice(1);
    chain.forEach((s, i) => (i % 2 === 0 ? result.types : result.names).push(s));
    result.isCollection = chain.length % 2 === 1;
  } else {
    // /subscriptions, /subscriptions/{s}/resourceGroups: collections; /subscriptions/{s}: a resource.
    result.isCollection = segments.length % 2 === 1;
  }
  return result;
}

/** The part of a path before its last `/providers/...` (the scope a provider path hangs under). */
export function scopeOf(path: string): string {
  const p = parseArmPath(path);
  if (p.providersAt < 0) return normalizePath(path);
  return '/' + p.segments.slice(0, p.providersAt).join('/');
}

/**
 * The RBAC action a GET of this path needs: `<Namespace>/<type>[/<childType>…]/read`
 * (e.g. Microsoft.ContainerRegistry/registries/replications/read), or Microsoft.Resources' own
 * actions for subscriptions and resource groups.
 */
export function readActionFor(path: string): string {
  const p = parseArmPath(path);
  if (p.namespace && p.types.length > 0) return `${p.namespace}/${p.types.join('/')}/read`;
  if (p.resourceGroup !== undefined || p.segments[2]?.toLowerCase() === 'resourcegroups') {
    return 'Microsoft.Resources/subscriptions/resourceGroups/read';
  }
  return 'Microsoft.Resources/subscriptions/read';
}

/** `Microsoft.ContainerRegistry/registries/myacr[/replications/eastus]` as ARM names it in 404s. */
export function typeAndName(path: string): string {
  const p = parseArmPath(path);
  if (!p.namespace) return normalizePath(path);
  const parts: string[] = [p.namespace];
  p.types.forEach((t, i) => {
    parts.push(t);
    if (p.names[i] !== undefined) parts.push(p.names[i]!);
  });
  return parts.join('/');
}

/** True when `pattern` (an RBAC action with `*` wildcards) covers `action`; case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp('^' + pattern.split('*').map(escapeRegExp).join('.*') + '$', 'i');
  return re.test(action);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A bounded, seeded generator of hostile inputs for the HTTP/trigger/CLI entry points.
 * Deterministic: the same seed gives the same cases, so a failure names a case that reproduces.
 */

/** mulberry32: tiny, fast, good enough to pick cases reproducibly (not for anything secret). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SEED = 0x5eed_2026;

const ONE_MB = 1024 * 1024;

/** A syntactically fine but absurdly long ARM id (ARM caps ids far below this). */
export const LONG_ARM_ID = `/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/${'rg-'.repeat(400)}/providers/Microsoft.ContainerService/managedClusters/${'a'.repeat(2000)}`;

/** Strings that must never reach a KQL query, a shell command or a store unchecked. */
export const INJECTION_STRINGS = [
  "x' | where 1==1",
  '" | project Secret',
  '$(reboot)',
  '`id`',
  ';rm -rf /',
  '&& curl http://127.0.0.1:1/x',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '*<!channel>*',
  'web\nInjected: header',
] as const;

/** Hosts that look like a real registry but are not (Cyrillic а, Greek ο, full-width dot, punycode). */
export const HOMOGLYPH_HOSTS = ['myаcr.azurecr.io', 'pdacr.azurecr.iο', 'pdacr\uff0eazurecr.io', 'xn--pdcr-5ve.azurecr.io', 'pdacr.azurecr.io\u202e'] as const;

/** Odd text: NUL, lone surrogates, bidi override, replacement char, empty and whitespace. */
export const ODD_STRINGS = ['', ' ', '\u0000', 'a\u0000b', '\ud800', '\udfff\ud800', '\u202eevil', '\ufffd\ufffd', '\t\r\n', '%00%ff', '🐳'.repeat(50)] as const;

/** Values of every JSON type (and prototype-pollution shaped objects) to put where a leaf was. */
export function wrongTypedValues(): unknown[] {
  return [
    null,
    true,
    0,
    -1,
    1e308,
    -0.5,
    [],
    {},
    [null],
    JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}') as unknown,
    'a'.repeat(10_000),
    LONG_ARM_ID,
    ...INJECTION_STRINGS,
    ...HOMOGLYPH_HOSTS,
    ...ODD_STRINGS,
  ];
}

/** Nested `[[[…]]]` / `{"a":{"a":…}}` of the given depth, as JSON text (built iteratively). */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}null${'}'.repeat(depth)}`;
}

export interface RawBody {
  name: string;
  /** Text body, or bytes for invalid UTF-8. */
  text?: string;
  bytes?: Uint8Array;
}

/** Whole bodies: not JSON, wrong JSON types, huge, deep, invalid UTF-8, NUL bytes, pollution keys. */
export function hostileBodies(): RawBody[] {
  return [
    { name: 'empty body', text: '' },
    { name: 'null', text: 'null' },
    { name: 'true', text: 'true' },
    { name: 'number', text: '42' },
    { name: 'string', text: '"hello"' },
    { name: 'empty array', text: '[]' },
    { name: 'array of nulls', text: '[null,null]' },
    { name: 'array of arrays', text: '[[1],[2]]' },
    { name: 'empty object', text: '{}' },
    { name: 'truncated JSON', text: '{"schemaId":"azureMonitorCommonAlertSchema","data":{' },
    { name: 'not JSON', text: 'hello=world&a=b' },
    { name: 'huge string (1 MB)', text: JSON.stringify('x'.repeat(ONE_MB)) },
    { name: 'huge object value (1 MB)', text: JSON.stringify({ schemaId: 'azureMonitorCommonAlertSchema', data: { essentials: { alertId: 'y'.repeat(ONE_MB) } } }) },
    { name: 'deep arrays (10,000)', text: deepJson(10_000, 'array') },
    { name: 'deep objects (10,000)', text: deepJson(10_000, 'object') },
    { name: 'deep arrays in data (10,000)', text: `{"schemaId":"azureMonitorCommonAlertSchema","data":${deepJson(10_000, 'array')}}` },
    { name: 'invalid UTF-8', bytes: Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]) },
    { name: 'NUL bytes', text: '{"a":"\u0000"}\u0000\u0000' },
    { name: 'BOM then JSON', text: '\ufeff{}' },
    { name: 'prototype pollution', text: '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}' },
    { name: 'pollution in an event batch', text: '[{"__proto__":{"polluted":"yes"},"id":"1","eventType":"Microsoft.ContainerRegistry.ImagePushed","data":{"__proto__":{"polluted":"yes"}}}]' },
    { name: 'validation event without code', text: '[{"eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","data":null}]' },
    { name: 'validation event, huge code', text: JSON.stringify([{ eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent', data: { validationCode: { a: 1 } } }]) },
  ];
}

type Path = Array<string | number>;

/** Every leaf (and every object/array node) of a JSON value with its path. */
export function nodePaths(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (path.length > 0) out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => nodePaths(v, [...path, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) nodePaths(v, [...path, k], out);
  return out;
}

function setAt(root: unknown, path: Path, replacement: unknown): unknown {
  const copy: unknown = structuredClone(root);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = replacement;
  return copy;
}

export interface Mutation {
  name: string;
  body: unknown;
}

/**
 * Each node of `fixture` replaced, one at a time, by a hostile value. The value is drawn with the
 * seeded generator; `perNode` draws per node keep the count bounded (nodes × perNode).
 */
export function mutateEachNode(fixture: unknown, random: () => number, perNode = 2): Mutation[] {
  const values = wrongTypedValues();
  const mutations: Mutation[] = [];
  for (const path of nodePaths(fixture)) {
    for (let i = 0; i < perNode; i++) {
      const index = Math.floor(random() * values.length);
      mutations.push({ name: `${path.join('.')} := #${index}`, body: setAt(fixture, path, values[index]) });
    }
  }
  return mutations;
}

/** Each string leaf of `fixture` replaced, one at a time, by each of `values` (deterministic, no sampling). */
export function replaceEachStringLeaf(fixture: unknown, values: readonly string[]): Mutation[] {
  const mutations: Mutation[] = [];
  for (const path of nodePaths(fixture)) {
    let node: unknown = fixture;
    for (const key of path) node = (node as Record<string | number, unknown>)[key];
    if (typeof node !== 'string') continue;
    values.forEach((v, i) => mutations.push({ name: `${path.join('.')} := string #${i}`, body: setAt(fixture, path, v) }));
  }
  return mutations;
}

/** Serialises like the sender would; the pollution objects made with JSON.parse keep their own `__proto__` key. */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Nothing reached Object.prototype. */
export function prototypeIsClean(): boolean {
  return !('polluted' in Object.prototype) && !('polluted' in ({} as Record<string, unknown>));
}

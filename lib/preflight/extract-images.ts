import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { isContainerName, isDnsSubdomain, isNamespace } from '../intake/names';

/** One container image found in a manifest, with where it came from. */
export interface ManifestImage {
  image: string;
  container: string;
  init: boolean;
  kind: string;
  name: string;
  namespace?: string;
  /** `file:line` of the image value, as editors and terminals link it. */
  origin: string;
  /** The manifest file (`stdin` for standard input) and the 1-based line of the `image:` value. */
  file: string;
  line: number;
}

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATH: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every container and init container image in Kubernetes manifests (multi-document YAML, `List`
 * kinds, Helm output). Documents of other kinds are ignored; a YAML syntax error is reported with
 * its place, never thrown as a bare exception.
 */
export function extractImages(text: string, origin = 'stdin'): ManifestImage[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { prettyErrors: true, lineCounter });
  const out: ManifestImage[] = [];
  docs.forEach((doc, index) => {
    const where = (offset: number | undefined) => `${origin}:${lineCounter.linePos(offset ?? doc.range[0]).line} (document ${index + 1})`;
    if (doc.errors.length) throw new ManifestError(`${where(doc.errors[0].pos[0])}: ${doc.errors[0].message.split('\n')[0]}`);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // yaml refuses alias bombs ("Excessive alias count") while converting, not while parsing.
      throw new ManifestError(`${where(undefined)}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const lineOf = (path: Array<string | number>): number => {
      const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      return lineCounter.linePos(node?.range?.[0] ?? doc.range[0]).line;
    };
    visit(value, { file: origin, document: index + 1, path: [], lineOf }, out);
  });
  return out;
}

interface Place {
  file: string;
  document: number;
  /** Path of `value` inside its YAML document (for line numbers). */
  path: Array<string | number>;
  lineOf(path: Array<string | number>): number;
}

function visit(value: unknown, place: Place, out: ManifestImage[]): void {
  const origin = `${place.file}: document ${place.document}`;
  if (!isObj(value)) return;
  const kind = typeof value.kind === 'string' ? value.kind : '';
  if (kind.endsWith('List') && Array.isArray(value.items)) {
    value.items.forEach((item, i) => visit(item, { ...place, path: [...place.path, 'items', i] }, out));
    return;
  }
  const path = POD_SPEC_PATH[kind];
  if (!path) return;
  let spec: unknown = value;
  for (const key of path) spec = isObj(spec) ? spec[key] : undefined;
  if (!isObj(spec)) return;
  const metadata = isObj(value.metadata) ? value.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '(unnamed)';
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
  // Names end up in lookups and rendered kubectl commands: the API server's grammars apply here too.
  if (typeof metadata.name === 'string' && !isDnsSubdomain(name)) throw new ManifestError(`${origin}: ${kind} name ${JSON.stringify(name.slice(0, 80))} is not a valid Kubernetes name`);
  if (namespace !== undefined && !isNamespace(namespace)) throw new ManifestError(`${origin}: ${kind} ${name}: namespace ${JSON.stringify(namespace.slice(0, 80))} is not a valid namespace`);
  for (const [field, init] of [['initContainers', true], ['containers', false]] as const) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    for (const [i, c] of list.entries()) {
      if (!isObj(c) || typeof c.image !== 'string') continue;
      if (typeof c.name === 'string' && !isContainerName(c.name)) throw new ManifestError(`${origin}: ${kind} ${name}: container name ${JSON.stringify(c.name.slice(0, 80))} is not a valid container name`);
      const line = place.lineOf([...place.path, ...path, field, i, 'image']);
      out.push({ image: c.image, container: typeof c.name === 'string' ? c.name : '(unnamed)', init, kind, name, namespace, origin: `${place.file}:${line}`, file: place.file, line });
    }
  }
}

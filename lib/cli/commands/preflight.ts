import fs from 'node:fs';
import { clusterIdFrom } from '../../azure/arm-id';
import { sh } from '../../diagnosis/fix-commands';
import type { Diagnosis, Fix } from '../../model';
import { extractImages, ManifestError, type ManifestImage } from '../../preflight/extract-images';
import { renderText } from '../../render/text';
import { EXIT, UsageError, type Command } from '../command';
import { parseOptions } from '../options';
import { openEngine } from '../open-engine';

const USAGE = `usage: pull-doctor preflight -f <manifest.yaml | -> [-f …] --cluster <resource id | resourceGroup/name> [--subscription <id>] [--json]
       pull-doctor preflight -f <manifest.yaml> --world <name | file>
       helm template my-release ./chart | pull-doctor preflight -f - --cluster rg-aks/aks-prod

Checks every container and init container image in Kubernetes manifests (Pod, Deployment,
StatefulSet, DaemonSet, ReplicaSet, Job, CronJob; multi-document YAML) before deploying. Each image
is reported at its file:line; a wrong image is fixed by an edit of that line, not kubectl.
--subscription  the subscription of a resourceGroup/name cluster (default: AZURE_SUBSCRIPTION_ID)
Exit: 0 every image should pull, 1 some image will not, 2 could not decide, 3 usage error, 4 internal error.`;

export const preflightCommand: Command = {
  name: 'preflight',
  summary: 'check every image in Kubernetes manifests before deploying',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      file: { type: 'string', short: 'f', multiple: true },
      world: { type: 'string' },
      cluster: { type: 'string' },
      subscription: { type: 'string' },
      json: { type: 'boolean' },
    });
    const files = [...(values.file ?? []), ...positionals];
    if (files.length === 0) throw new UsageError('give at least one manifest with -f (or -f - for standard input)');
    if (!values.world && !values.cluster) throw new UsageError('--cluster is required (or --world)');

    const images: ManifestImage[] = [];
    for (const file of files) {
      const text = file === '-' ? await io.readStdin() : readFile(file);
      try {
        images.push(...extractImages(text, file === '-' ? 'stdin' : file));
      } catch (error) {
        if (error instanceof ManifestError) throw new UsageError(error.message);
        throw error;
      }
    }
    if (images.length === 0) {
      io.out('No container images found in the manifests.');
      return EXIT.ok;
    }

    const opened = await openEngine({ world: values.world, env: io.env });
    try {
      const cluster = values.cluster ? clusterIdFrom(values.cluster, values.subscription ?? opened.defaultSubscription) : opened.worldFailure?.cluster;
      if (!cluster) throw new UsageError(`--cluster "${values.cluster}" is neither a cluster resource id nor resourceGroup/name (with --subscription)`);
      // One engine for all images: lookups shared between them are cached, so the cluster is read once.
      const results: Array<{ item: ManifestImage; diagnosis: Diagnosis }> = [];
      for (const [index, item] of images.entries()) {
        if (!values.json) io.status?.(`[${index + 1}/${images.length}] checking ${item.image} (${item.origin})…`);
        const diagnosis = await opened.engine.diagnose({
          image: item.image,
          cluster,
          namespace: item.namespace,
          container: item.container,
          controller: `${item.kind}/${item.name}`,
          source: 'preflight',
        });
        results.push({ item, diagnosis: withManifestEdits(diagnosis, item) });
      }
      io.status?.('');
      const outcomes = results.map((r) => r.diagnosis.verdict.outcome);
      const worst = outcomes.includes('cause_found') ? EXIT.causeFound : outcomes.includes('undecided') ? EXIT.undecided : EXIT.ok;
      if (values.json) {
        io.out(JSON.stringify(results.map((r) => ({ ...r.item, outcome: r.diagnosis.verdict.outcome, diagnosis: r.diagnosis })), null, 2));
        return worst;
      }
      // One line per image; the full report only for the ones that will not pull (or cannot be decided).
      for (const { item, diagnosis } of results) {
        const mark = diagnosis.verdict.outcome === 'cause_found' ? '✖' : diagnosis.verdict.outcome === 'undecided' ? '?' : '✔';
        const verdict = diagnosis.verdict.outcome === 'should_work' ? healthySummary(diagnosis) : firstLine(diagnosis.verdict.summary);
        io.out(`${mark} ${item.origin}  ${item.kind}/${item.name} ${item.init ? 'init ' : ''}container ${item.container}: ${item.image} — ${verdict}`);
      }
      for (const { item, diagnosis } of results.filter((r) => r.diagnosis.verdict.outcome !== 'should_work')) {
        io.out(`\n── ${item.origin} · ${item.kind}/${item.name} · ${item.container}`);
        io.out(renderText(diagnosis, undefined, { color: io.color ?? false }));
      }
      return worst;
    } finally {
      await opened.close();
    }
  },
};

/** `should pull (9 checks passed, 2 not applicable)`: the healthy line says what was verified, briefly. */
function healthySummary(diagnosis: Diagnosis): string {
  const count = (status: string) => diagnosis.findings.filter((f) => f.status === status).length;
  const extra = [count('warn') ? `${count('warn')} warning(s)` : '', count('skipped') ? `${count('skipped')} not applicable` : ''].filter(Boolean);
  return `should pull (${count('pass')} checks passed${extra.length ? `, ${extra.join(', ')}` : ''})`;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!;
}

/** The image a fix would set: `kubectl set image kind/name container=<image>` or the `# image: <image>` fallback. */
export function imageFromFix(command: string | undefined): string | undefined {
  if (!command) return undefined;
  const kubectl = /^kubectl set image \S+ '?[^=\s']+=([^\s']+)'?(?: -n \S+)?$/.exec(command);
  return kubectl?.[1] ?? /^# image: (\S+)$/.exec(command)?.[1];
}

/**
 * A manifest that is not deployed yet is fixed in the file, not with kubectl: every fix that sets
 * another image becomes the edit of the image's line (and a sed command for a file on disk).
 */
export function withManifestEdits(diagnosis: Diagnosis, item: ManifestImage): Diagnosis {
  const edit = (fix: Fix): Fix => {
    const image = imageFromFix(fix.command);
    if (!image) return fix;
    const text = `${fix.text} Edit ${item.origin}: image: ${item.image} → image: ${image}${item.file === 'stdin' ? ' (for Helm output, in the chart\'s values)' : ''}.`;
    if (item.file === 'stdin') return { ...fix, text, command: undefined };
    // sed's pattern is a regular expression: the dots of a registry host must match only dots.
    const pattern = item.image.replace(/[.[\]*^$\\|]/g, '\\$&');
    return { ...fix, text, command: `sed -i ${sh(`${item.line}s|${pattern}|${image}|`)} ${sh(item.file)}` };
  };
  return { ...diagnosis, findings: diagnosis.findings.map((f) => ({ ...f, fixes: f.fixes.map(edit) })) };
}

function readFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

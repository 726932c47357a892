import fs from 'node:fs';
import { clusterIdFrom } from '../../azure/arm-id';
import type { Diagnosis } from '../../model';
import { extractImages, ManifestError, type ManifestImage } from '../../preflight/extract-images';
import { renderText } from '../../render/text';
import { EXIT, UsageError, type Command } from '../command';
import { parseOptions } from '../main';
import { openEngine } from '../open-engine';

const USAGE = `usage: pull-doctor preflight -f <manifest.yaml | -> [-f …] --cluster <resource id | resourceGroup/name> [--json]
       pull-doctor preflight -f <manifest.yaml> --world <name | file>
       helm template my-release ./chart | pull-doctor preflight -f - --cluster rg-aks/aks-prod

Checks every container and init container image in Kubernetes manifests (Pod, Deployment,
StatefulSet, DaemonSet, ReplicaSet, Job, CronJob; multi-document YAML) before deploying.
Exit: 0 every image should pull, 1 some image will not, 2 could not decide, 3 usage error.`;

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
      for (const item of images) {
        const diagnosis = await opened.engine.diagnose({
          image: item.image,
          cluster,
          namespace: item.namespace,
          container: item.container,
          controller: `${item.kind}/${item.name}`,
          source: 'preflight',
        });
        results.push({ item, diagnosis });
      }
      const outcomes = results.map((r) => r.diagnosis.verdict.outcome);
      const worst = outcomes.includes('cause_found') ? EXIT.causeFound : outcomes.includes('undecided') ? EXIT.undecided : EXIT.ok;
      if (values.json) {
        io.out(JSON.stringify(results.map((r) => ({ ...r.item, outcome: r.diagnosis.verdict.outcome, diagnosis: r.diagnosis })), null, 2));
        return worst;
      }
      for (const { item, diagnosis } of results) {
        const mark = diagnosis.verdict.outcome === 'cause_found' ? '✖' : diagnosis.verdict.outcome === 'undecided' ? '?' : '✔';
        io.out(`${mark} ${item.kind}/${item.name} ${item.init ? 'init ' : ''}container ${item.container}: ${item.image} — ${diagnosis.verdict.summary}`);
      }
      for (const { item, diagnosis } of results.filter((r) => r.diagnosis.verdict.outcome !== 'should_work')) {
        io.out(`\n── ${item.kind}/${item.name} · ${item.container} (${item.origin})`);
        io.out(renderText(diagnosis, undefined, { color: io.isTTY }));
      }
      return worst;
    } finally {
      await opened.close();
    }
  },
};

function readFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

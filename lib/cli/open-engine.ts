import fs from 'node:fs';
import path from 'node:path';
import { readSettings } from '../config/settings';
import type { Engine } from '../diagnosis/engine';
import type { PullFailure } from '../model';
import { loadWorld, WORLDS_DIR } from '../sandbox/load-world';
import type { World } from '../sandbox/world-schema';
import { UsageError } from './command';

export interface OpenEngine {
  engine: Engine;
  /** The world's failure (sandbox) — the defaults a command's flags override. */
  worldFailure?: PullFailure;
  /** The subscription of `rg/name` cluster shorthands. */
  defaultSubscription?: string;
  close(): Promise<void>;
}

/** `--world tag-missing` or `--world ./my-world.yaml`. */
export function resolveWorldPath(world: string): string {
  const candidates = [world, path.join(WORLDS_DIR, world), path.join(WORLDS_DIR, `${world}.yaml`)];
  const found = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  if (!found) throw new UsageError(`no world "${world}" (a file, or one of: ${fs.readdirSync(WORLDS_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).join(', ')})`);
  return found;
}

/** Loads `--world`: a file that is not a world is a usage error (bad argument), not an internal one. */
export function loadWorldArgument(world: string): World {
  const file = resolveWorldPath(world);
  try {
    return loadWorld(file);
  } catch (error) {
    throw new UsageError(`--world ${JSON.stringify(world)} is not a world file: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/* eslint-disable @typescript-eslint/no-require-imports -- each mode loads only its own stack (the sandbox never in Azure mode) */
/** The engine against the sandbox world, or against Azure with DefaultAzureCredential. */
export async function openEngine(options: { world?: string; env: Record<string, string | undefined> }): Promise<OpenEngine> {
  if (options.world) {
    const world = loadWorldArgument(options.world);
    const { startSandboxEngine } = require('../sandbox/diagnose-in-sandbox') as typeof import('../sandbox/diagnose-in-sandbox');
    const running = await startSandboxEngine(world);
    const sub = /^\/subscriptions\/([^/]+)/i.exec(world.failure.cluster ?? '')?.[1];
    return { engine: running.engine, worldFailure: world.failure, defaultSubscription: sub, close: running.stop };
  }
  const settings = readSettings(options.env);
  const { createDefaultAzureClients } = require('../azure/create-azure-clients') as typeof import('../azure/create-azure-clients');
  const { createEngine } = require('../diagnosis/engine') as typeof import('../diagnosis/engine');
  const { createRegistryClientFactory } = require('../registry/oci-registry-client') as typeof import('../registry/oci-registry-client');
  const { createLogAnalyticsContainerInsights } = require('../logs/container-insights') as typeof import('../logs/container-insights');
  const { containerInsightsPreviousImage } = require('../logs/previous-image') as typeof import('../logs/previous-image');
  const azure = createDefaultAzureClients(settings);
  const registries = createRegistryClientFactory({ credential: azure.credential });
  let insights: import('../logs/container-insights').ContainerInsightsPort | undefined;
  const engine = createEngine({
    azure,
    registries,
    egress: { allowedRegistries: settings.PULL_DOCTOR_ALLOWED_REGISTRIES },
    subscriptions: settings.PULL_DOCTOR_SUBSCRIPTIONS,
    checkTimeoutMs: settings.PULL_DOCTOR_CHECK_TIMEOUT_MS,
    cacheTtlMs: settings.PULL_DOCTOR_CACHE_TTL_SECONDS * 1000,
    inCluster: { mode: settings.PULL_DOCTOR_IN_CLUSTER },
    previousImage: containerInsightsPreviousImage(() => (insights ??= createLogAnalyticsContainerInsights(azure.logs())), settings.PULL_DOCTOR_WORKSPACE_IDS),
  });
  return { engine, defaultSubscription: options.env.AZURE_SUBSCRIPTION_ID ?? settings.PULL_DOCTOR_SUBSCRIPTIONS[0], close: async () => undefined };
}
/* eslint-enable @typescript-eslint/no-require-imports */

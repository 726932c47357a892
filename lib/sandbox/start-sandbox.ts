import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { PipelineRetryOptions } from '@azure/core-rest-pipeline';
import type { AzureClients } from '../azure/clients';
import { createAzureClients } from '../azure/create-azure-clients';
import { createRegistryClientFactory } from '../registry/oci-registry-client';
import type { RegistryClientFactory } from '../registry/registry-client';
import { startArmServer } from './arm-server';
import { FaultSet, type FaultInput } from './faults';
import { startGraphServer } from './graph-server';
import { startRegistryServer } from './registry-server';
import { RequestLog } from './request-log';
import { generateSandboxTls } from './tls';
import type { World } from './world-schema';

export interface SandboxOptions {
  /** ARM list page size (default 100); 2 makes every list page. */
  pageSize?: number;
  /** Faults for this run, applied after the world's own. Change later with `setFaults`. */
  faults?: readonly FaultInput[];
  /** Retry options for the Azure and registry clients the sandbox hands out (tests shorten delays). */
  retryOptions?: PipelineRetryOptions;
}

export interface Sandbox {
  world: World;
  arm: { url: string; requestLog: RequestLog };
  registry: {
    /** `https://127.0.0.1:<port>`; one server for every registry host in the world. */
    url: string;
    /** Where a registry host's requests go (`<url>/_host/<host>`). */
    hostRewrite(host: string): string;
    /** Registry data plane clients wired to the sandbox (CA, host rewrite, sandbox credential). */
    clients: RegistryClientFactory;
  };
  /** The sandbox Microsoft Graph (`https://127.0.0.1:<port>`), which `azure.directory()` talks to. */
  graph: { url: string };
  /** Azure SDK clients wired to the sandbox ARM server (sandbox CA trusted by them only). */
  azure: AzureClients;
  /** PEM of the sandbox CA. */
  ca: string;
  /** Every request every sandbox server answered. */
  requestLog: RequestLog;
  /** Replaces the active faults on all servers (world faults included). */
  setFaults(faults: readonly FaultInput[]): void;
  stop(): Promise<void>;
}

/**
 * The sandbox's stand-in for a managed identity: a fixed, unsigned, non-secret token the servers
 * accept. It is shaped like an Entra JWT so its `oid` claim names the world's caller, as a real
 * token names the identity pull-doctor runs as.
 */
export function sandboxCredential(principalId?: string, tenantId?: string): TokenCredential {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const token = `${part({ alg: 'none', typ: 'JWT' })}.${part({ oid: principalId, tid: tenantId, sub: 'sandbox-token-not-a-secret' })}.`;
  return {
    async getToken(): Promise<AccessToken> {
      return { token, expiresOnTimestamp: Date.now() + 60 * 60 * 1000 };
    },
  };
}

/**
 * Starts the world's servers (ARM and registry data plane, HTTPS on 127.0.0.1, one generated CA)
 * and hands out clients wired to them. Always `stop()` it: that closes every connection, hung
 * fault-injected requests included.
 */
export async function startSandbox(world: World, options: SandboxOptions = {}): Promise<Sandbox> {
  const tls = await generateSandboxTls();
  const requestLog = new RequestLog();
  const faults = new FaultSet([...world.faults, ...(options.faults ?? [])]);
  const credential = sandboxCredential(world.caller.principalId, world.caller.tenantId);

  const arm = await startArmServer(world, { pageSize: options.pageSize, faultSet: faults, tls, requestLog });
  let registry: Awaited<ReturnType<typeof startRegistryServer>>;
  let graph: Awaited<ReturnType<typeof startGraphServer>>;
  try {
    registry = await startRegistryServer(world, { tls, requestLog, faults });
  } catch (e) {
    await arm.stop();
    throw e;
  }
  try {
    graph = await startGraphServer(world, { tls, requestLog, faults });
  } catch (e) {
    await Promise.all([arm.stop(), registry.stop()]);
    throw e;
  }

  const azure = createAzureClients({
    credential,
    resourceManagerEndpoint: arm.url,
    graphEndpoint: graph.url,
    tlsCa: tls.ca,
    retryOptions: options.retryOptions,
  });
  const registryClients = createRegistryClientFactory({
    credential,
    tenantId: world.caller.tenantId,
    tlsCa: tls.ca,
    hostRewrite: registry.hostRewrite,
    retry: options.retryOptions,
  });

  let stopped: Promise<void> | undefined;
  return {
    world,
    arm: { url: arm.url, requestLog },
    registry: { url: registry.url, hostRewrite: registry.hostRewrite, clients: registryClients },
    graph: { url: graph.url },
    azure,
    ca: tls.ca,
    requestLog,
    setFaults: (f) => faults.set(f),
    stop() {
      stopped ??= Promise.all([arm.stop(), registry.stop(), graph.stop()]).then(() => undefined);
      return stopped;
    },
  };
}

import type { TokenCredential } from '@azure/core-auth';
import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { PUBLIC_GRAPH_ENDPOINT } from './cloud-endpoints';

/** When one client secret of an app is valid (passwordCredential metadata; Graph never returns the secret on a GET). */
export interface ClientSecretDates {
  keyId: string;
  displayName?: string;
  startDateTime?: string;
  /** ISO 8601, UTC. Absent: no end date set. */
  endDateTime?: string;
}

/** An app's client secrets, where they live. `notfound`: Graph answered 404 Request_ResourceNotFound for that object. */
export interface AppClientSecrets {
  appId: string;
  displayName?: string;
  /** passwordCredentials of the app registration: what `az ad sp create-for-rbac` and `az ad app credential reset` create. */
  application: ClientSecretDates[] | 'notfound';
  /** passwordCredentials on the service principal itself: what `az ad sp credential reset` creates (azure-cli role/custom.py). */
  servicePrincipal: ClientSecretDates[] | 'notfound';
}

/** Graph refused or could not be reached. `statusCode` -1: no HTTP answer (the SDK's convention). */
export class GraphRequestError extends Error {
  override readonly name = 'GraphRequestError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The Microsoft Graph port: only what pull-doctor reads from Entra ID. */
export interface EntraDirectory {
  /** The client secret dates of an app registration and its service principal (Application.Read.All). */
  clientSecretDates(appId: string, options?: { abortSignal?: AbortSignal }): Promise<AppClientSecrets>;
}

export interface EntraDirectoryOptions {
  credential: TokenCredential;
  /** Graph's root, e.g. https://graph.microsoft.com (per cloud: lib/azure/cloud-endpoints.ts). */
  endpoint?: string;
  /** Extra CA (PEM) trusted by this client only (the sandbox CA). Never process-wide. */
  tlsCa?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The hosts the SDK attaches tokens to on its own (its GRAPH_URLS); any other host must be named in customHosts. */
const SDK_GRAPH_HOSTS = new Set(['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn']);

// Parsed at the edge; `hint` (a secret's first characters) and `secretText` are never kept.
const PasswordCredential = z.object({
  keyId: z.string().max(64),
  displayName: z.string().max(256).nullish(),
  startDateTime: z.string().max(40).nullish(),
  endDateTime: z.string().max(40).nullish(),
});
const DirectoryObject = z.object({ displayName: z.string().max(256).nullish(), passwordCredentials: z.array(PasswordCredential).max(200).default([]) });

/**
 * Microsoft Graph through the official client (@microsoft/microsoft-graph-client with a
 * TokenCredentialAuthenticationProvider), loaded on first use so nothing is paid at start.
 * GET /v1.0/applications(appId='…') and /v1.0/servicePrincipals(appId='…') with
 * $select=id,appId,displayName,passwordCredentials (learn.microsoft.com application-get,
 * serviceprincipal-get: least privileged application permission Application.Read.All).
 */
export function createEntraDirectory(options: EntraDirectoryOptions): EntraDirectory {
  const endpoint = (options.endpoint ?? PUBLIC_GRAPH_ENDPOINT).replace(/\/+$/, '');
  let client: Promise<Client> | undefined;

  async function createClient(): Promise<Client> {
    const [{ Client }, { TokenCredentialAuthenticationProvider }] = await Promise.all([
      import('@microsoft/microsoft-graph-client'),
      import('@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js'),
    ]);
    const host = new URL(endpoint).hostname;
    const loopback = host === '127.0.0.1' || host === 'localhost';
    // A token for Graph of this cloud; the sandbox (loopback) accepts the public cloud's audience.
    const scope = `${loopback ? PUBLIC_GRAPH_ENDPOINT : endpoint}/.default`;
    const fetchOptions = options.tlsCa ? { dispatcher: new (await import('undici')).Agent({ connect: { ca: options.tlsCa } }) } : undefined;
    return Client.initWithMiddleware({
      authProvider: new TokenCredentialAuthenticationProvider(options.credential, { scopes: [scope] }),
      baseUrl: `${endpoint}/`,
      defaultVersion: 'v1.0',
      ...(SDK_GRAPH_HOSTS.has(host) ? {} : { customHosts: new Set([host]) }),
      ...(fetchOptions ? { fetchOptions: fetchOptions as never } : {}),
    });
  }

  async function read(path: string, signal: AbortSignal | undefined): Promise<z.infer<typeof DirectoryObject> | 'notfound'> {
    client ??= createClient();
    const graph = await client;
    try {
      const request = graph.api(path).select(['id', 'appId', 'displayName', 'passwordCredentials']);
      const body: unknown = await (signal ? request.option('signal', signal) : request).get();
      const parsed = DirectoryObject.safeParse(body);
      if (!parsed.success) throw new GraphRequestError(200, 'UnexpectedResponse', `Graph answered ${path} with an unexpected body`);
      return parsed.data;
    } catch (e) {
      if (e instanceof GraphRequestError) throw e;
      const status = typeof (e as { statusCode?: unknown }).statusCode === 'number' ? (e as { statusCode: number }).statusCode : -1;
      const code = typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : 'Error';
      if (status === 404 && code === 'Request_ResourceNotFound') return 'notfound';
      throw new GraphRequestError(status, code, `${status === -1 ? 'no answer' : status} ${code} from Microsoft Graph for ${path}`);
    }
  }

  const dates = (o: z.infer<typeof DirectoryObject>): ClientSecretDates[] =>
    o.passwordCredentials.map((c) => ({ keyId: c.keyId, displayName: c.displayName ?? undefined, startDateTime: c.startDateTime ?? undefined, endDateTime: c.endDateTime ?? undefined }));

  return {
    async clientSecretDates(appId, callOptions = {}) {
      if (!GUID.test(appId)) throw new TypeError(`not an application (client) id: ${appId}`);
      const id = appId.toLowerCase();
      const [application, servicePrincipal] = await Promise.all([
        read(`/applications(appId='${id}')`, callOptions.abortSignal),
        read(`/servicePrincipals(appId='${id}')`, callOptions.abortSignal),
      ]);
      const named = application !== 'notfound' ? application : servicePrincipal !== 'notfound' ? servicePrincipal : undefined;
      return {
        appId: id,
        displayName: named?.displayName ?? undefined,
        application: application === 'notfound' ? 'notfound' : dates(application),
        servicePrincipal: servicePrincipal === 'notfound' ? 'notfound' : dates(servicePrincipal),
      };
    },
  };
}

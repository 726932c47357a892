import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import { startArmServer, type ArmServer } from '../../lib/sandbox/arm-server';
import { armTestWorld, MG, RA, REGISTRY_ID, S } from './arm-test-world';

// The ARM wire protocol as the sandbox speaks it, checked with plain HTTPS requests (no SDK), so
// the exact status codes, bodies, headers and URLs are visible.

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { error?: { code: string; message: string }; value?: { name?: string; id?: string }[]; nextLink?: string } & Record<string, unknown>;
}

let arm: ArmServer;
beforeAll(async () => {
  arm = await startArmServer(armTestWorld(), { pageSize: 2 });
});
afterAll(() => arm.stop());

function get(path: string, options: { auth?: string | null; method?: string } = {}): Promise<Reply> {
  const auth = options.auth === undefined ? 'Bearer test-token' : options.auth;
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${arm.url}${path}`,
      { method: options.method ?? 'GET', ca: arm.ca, headers: auth === null ? {} : { authorization: auth } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : {} }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const V = 'api-version=2025-11-01';

describe('request checks', () => {
  it('requires api-version (400, ARM error body)', async () => {
    const r = await get(REGISTRY_ID);
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe('MissingApiVersionParameter');
    const bad = await get(`${REGISTRY_ID}?api-version=latest`);
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('InvalidApiVersionParameter');
  });

  it('requires a bearer token (401 AuthenticationFailed)', async () => {
    const none = await get(`${REGISTRY_ID}?${V}`, { auth: null });
    expect(none.status).toBe(401);
    expect(none.body.error?.code).toBe('AuthenticationFailed');
    expect(none.headers['www-authenticate']).toMatch(/^Bearer /);
    const basic = await get(`${REGISTRY_ID}?${V}`, { auth: 'Basic dXNlcjpwYXNz' });
    expect(basic.status).toBe(401);
  });

  it('serves reads only (405 for other verbs)', async () => {
    const r = await get(`${REGISTRY_ID}?${V}`, { method: 'DELETE' });
    expect(r.status).toBe(405);
    expect(r.body.error?.code).toBe('MethodNotAllowed');
  });

  it('sends x-ms-request-id and x-ms-correlation-request-id', async () => {
    const r = await get(`${REGISTRY_ID}?${V}`);
    expect(r.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers['x-ms-correlation-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('resource lookup', () => {
  it('matches ids case-insensitively and normalises doubled slashes; returns the resource as stored', async () => {
    const r = await get(`/${REGISTRY_ID.toUpperCase().replace('/SUBSCRIPTIONS', '/subscriptions')}?${V}`);
    expect(r.status).toBe(200);
    expect(r.body['id']).toBe(REGISTRY_ID);
    expect(r.body['properties']).toEqual({ loginServer: 'myacr.azurecr.io', publicNetworkAccess: 'Enabled', adminUserEnabled: false, provisioningState: 'Succeeded' });
  });

  it('404 SubscriptionNotFound for an unknown subscription', async () => {
    const r = await get(`/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/x?${V}`);
    expect(r.status).toBe(404);
    expect(r.body.error?.code).toBe('SubscriptionNotFound');
  });

  it('404 ResourceNotFound names the type/name and resource group like ARM', async () => {
    const r = await get(`/subscriptions/${S}/resourceGroups/rg-registry/providers/Microsoft.ContainerRegistry/registries/nope?${V}`);
    expect(r.status).toBe(404);
    expect(r.body.error).toEqual({
      code: 'ResourceNotFound',
      message:
        "The Resource 'Microsoft.ContainerRegistry/registries/nope' under resource group 'rg-registry' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
    });
  });

  it('answers malformed paths with an ARM error instead of crashing', async () => {
    const r = await get(`/subscriptions/${S}/resourceGroups/%E0%A4%A/providers/Microsoft.Foo?${V}`);
    expect(r.status).toBe(404);
    expect(r.body.error?.code).toBeDefined();
    const root = await get(`/?${V}`);
    expect(root.status).toBe(404);
    expect((await get(`${REGISTRY_ID}?${V}`)).status).toBe(200);
  });

  it('serves subscriptions and derived resource groups', async () => {
    const sub = await get(`/subscriptions/${S}?api-version=2022-12-01`);
    expect(sub.body['subscriptionId']).toBe(S);
    const rg = await get(`/subscriptions/${S}/resourceGroups/rg-registry?api-version=2021-04-01`);
    expect(rg.body['type']).toBe('Microsoft.Resources/resourceGroups');
  });
});

describe('paging', () => {
  it('returns absolute nextLinks to this server with $skiptoken, keeping the query', async () => {
    const first = await get(`/subscriptions/${S}/providers/Microsoft.ContainerRegistry/registries?${V}`);
    expect(first.body.value).toHaveLength(2);
    const next = new URL(first.body.nextLink!);
    expect(next.origin).toBe(arm.url);
    expect(next.searchParams.get('api-version')).toBe('2025-11-01');
    expect(next.searchParams.get('$skiptoken')).toBe('2');
    const second = await get(next.pathname + next.search);
    expect(second.body.value).toHaveLength(1);
    expect(second.body.nextLink).toBeUndefined();
    const bad = await get(`/subscriptions/${S}/providers/Microsoft.ContainerRegistry/registries?${V}&$skiptoken=abc`);
    expect(bad.status).toBe(400);
  });
});

describe('role assignments', () => {
  const list = async (scope: string, filter?: string) => {
    const q = filter ? `&$filter=${encodeURIComponent(filter)}` : '';
    const names: string[] = [];
    let r = await get(`${scope}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01${q}`);
    for (;;) {
      expect(r.status).toBe(200);
      names.push(...(r.body.value ?? []).map((a) => a.name ?? ''));
      if (!r.body.nextLink) break;
      const n = new URL(r.body.nextLink);
      r = await get(n.pathname + n.search);
    }
    return names.sort();
  };

  it('at a management group: atScope() gives only its own; without it, everything below too', async () => {
    expect(await list(MG, 'atScope()')).toEqual([RA.readerAtManagementGroup]);
    expect((await list(MG)).length).toBe(6);
  });

  it('rejects filters it does not implement with 400', async () => {
    const r = await get(`${REGISTRY_ID}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=${encodeURIComponent("roleDefinitionId eq 'x'")}`);
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe('UnsupportedQuery');
  });

  it('404 RoleAssignmentNotFound for an unknown assignment id', async () => {
    const r = await get(`${REGISTRY_ID}/providers/Microsoft.Authorization/roleAssignments/00000000-0000-4000-8000-000000000000?api-version=2022-04-01`);
    expect(r.status).toBe(404);
    expect(r.body.error?.code).toBe('RoleAssignmentNotFound');
  });
});

describe('isolation', () => {
  it('listens on 127.0.0.1 only: another interface of this machine refuses the connection', async () => {
    const port = Number(new URL(arm.url).port);
    const other = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    const loopback = await connect('127.0.0.1', port);
    expect(loopback).toBe('connected');
    if (other === undefined) {
      // No non-internal IPv4 interface on this machine: nothing else to try (loopback checked above).
      return;
    }
    expect(await connect(other, port)).toMatch(/ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|timeout/);
  });

  it('the sandbox CA is not trusted by a plain https.get (no process-wide TLS bypass)', async () => {
    const outcome = await new Promise<string>((resolve) => {
      https
        .get(`${arm.url}/subscriptions?api-version=2022-12-01`, { headers: { authorization: 'Bearer t' } }, (res) => {
          res.resume();
          resolve(`status ${res.statusCode}`);
        })
        .on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    expect(outcome).toMatch(/SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/);
    expect(process.env['NODE_TLS_REJECT_UNAUTHORIZED']).not.toBe('0');
  });
});

function connect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('timeout');
    }, 2000);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(e.code ?? e.message);
    });
  });
}

import { DiagnosisRegistries } from './diagnosis-registries';
import { RegistryEgressPolicy, type EgressGrant } from './egress-policy';
import { RegistryEgressDenied, type RegistryClient, type RegistryClientFactory } from './registry-client';

/** Records the grant each client was built with; the client answers one tag. */
function recordingFactory() {
  const grants: EgressGrant[] = [];
  const factory: RegistryClientFactory = {
    forHost(host, grant): RegistryClient {
      grants.push(grant);
      return { host, listRepositories: async () => [], listTags: async () => [{ name: 'v1' }], resolve: async () => ({ digest: 'sha256:0', mediaType: 'x', platforms: [], sizeBytesByPlatform: {} }) };
    },
    requestCount: () => 0,
  };
  return { factory, grants };
}

describe('registries of one diagnosis', () => {
  const myacr = { loginServer: 'myacr.azurecr.io', dataEndpointHostNames: [] };

  it('an ACR host waits for the registry check, then gets the Entra grant only if ARM resolved it', async () => {
    const { factory, grants } = recordingFactory();
    const registries = new DiagnosisRegistries(factory, new RegistryEgressPolicy());
    let done = false;
    const call = registries.forHost('myacr.azurecr.io').listTags('app').then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    registries.resolvedByArm([myacr]);
    await call;
    expect(grants.map((g) => `${g.host} ${g.auth}`)).toEqual(['myacr.azurecr.io entra']);
  });

  it('an ACR host ARM did not resolve is refused once the registry check has answered; a later answer changes nothing', async () => {
    const { factory, grants } = recordingFactory();
    const registries = new DiagnosisRegistries(factory, new RegistryEgressPolicy());
    registries.resolvedByArm([]);
    registries.resolvedByArm([myacr]);
    await expect(registries.forHost('myacr.azurecr.io').listTags('app')).rejects.toBeInstanceOf(RegistryEgressDenied);
    expect(grants).toEqual([]);
  });

  it('public and refused hosts are decided at once, without waiting for ARM', async () => {
    const { factory, grants } = recordingFactory();
    const registries = new DiagnosisRegistries(factory, new RegistryEgressPolicy({ allowedRegistries: ['registry.partner.example'] }));
    await registries.forHost('docker.io').listTags('library/nginx');
    await registries.forHost('registry.partner.example').listTags('app');
    await expect(registries.forHost('evil.example.com').listTags('app')).rejects.toThrow(/registry host not allowed/);
    expect(grants.map((g) => `${g.host} ${g.auth} ${g.basis}`)).toEqual(['docker.io anonymous public-list', 'registry.partner.example anonymous allowed-list']);
  });

  it('an ACR a check found through ARM itself (a sibling of the image\'s registry) gets the Entra grant; a non-ACR host does not', async () => {
    const { factory, grants } = recordingFactory();
    const registries = new DiagnosisRegistries(factory, new RegistryEgressPolicy());
    registries.resolvedByArm([myacr]);
    await expect(registries.forHost('otheracr.azurecr.io').listTags('app')).rejects.toBeInstanceOf(RegistryEgressDenied);
    registries.alsoFoundByArm({ loginServer: 'OtherAcr.azurecr.io', dataEndpointHostNames: [] });
    registries.alsoFoundByArm({ loginServer: 'otheracr.azurecr.io', dataEndpointHostNames: [] });
    registries.alsoFoundByArm({ loginServer: 'evil.example.com', dataEndpointHostNames: [] });
    await registries.forHost('otheracr.azurecr.io').listTags('app');
    await expect(registries.forHost('evil.example.com').listTags('app')).rejects.toBeInstanceOf(RegistryEgressDenied);
    expect(grants.map((g) => `${g.host} ${g.auth} ${g.basis}`)).toEqual(['otheracr.azurecr.io entra arm']);
  });

  it('stops waiting when the call is aborted', async () => {
    const { factory } = recordingFactory();
    const registries = new DiagnosisRegistries(factory, new RegistryEgressPolicy());
    const controller = new AbortController();
    const call = registries.forHost('myacr.azurecr.io').listTags('app', { signal: controller.signal });
    controller.abort(new Error('budget'));
    await expect(call).rejects.toThrow('budget');
  });
});

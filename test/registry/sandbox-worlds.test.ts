import path from 'node:path';
import { createRegistryClientFactory } from '../../lib/registry/oci-registry-client';
import { RegistryError } from '../../lib/registry/registry-client';
import { isAcrHost } from '../../lib/registry/registry-hosts';
import { listWorlds, loadWorld } from '../../lib/sandbox/load-world';
import { plainPlatform } from '../../lib/sandbox/registry/registry-content';
import { startRegistryServer } from '../../lib/sandbox/registry-server';
import { generateSandboxTls, type SandboxTls } from '../../lib/sandbox/tls';
import { armGrant, listedGrant, publicGrant } from './grants';

/**
 * Every world's registry content, as the registry clients read it from the sandbox server (ACRs
 * through @azure/container-registry, the rest through the OCI client): each tag
 * resolves to the platforms and size the world declares, each repository lists its tags, and a
 * registry with `failWith` answers with that error. A world added later is covered automatically.
 */
const worlds = listWorlds();

describe('sandbox registry serves every world as declared', () => {
  let tls: SandboxTls;
  beforeAll(async () => {
    tls = await generateSandboxTls();
  });

  it('has worlds to check', () => {
    expect(worlds.length).toBeGreaterThan(0);
  });

  it.each(worlds.map((file) => [path.basename(file), file]))('%s', async (_name, file) => {
    const world = loadWorld(file);
    const server = await startRegistryServer(world, { tls });
    try {
      const clients = createRegistryClientFactory({
        credential: { getToken: async () => ({ token: 'sandbox-token-not-a-secret', expiresOnTimestamp: Date.now() + 3600_000 }) },
        tlsCa: tls.ca,
        hostRewrite: server.hostRewrite,
        pageSize: 3,
        retry: { maxRetries: 0 },
      });
      for (const [host, content] of Object.entries(world.registries)) {
        // Every world registry as the engine could reach it: ACRs as ARM-resolved, Docker Hub as public.
        const grant = isAcrHost(host) ? armGrant(host) : host === 'docker.io' ? publicGrant(host) : listedGrant(host);
        const client = clients.forHost(host, grant);
        if (isAcrHost(host)) expect(await client.listRepositories()).toEqual(Object.keys(content.repositories).sort());
        for (const [repository, { tags, private: isPrivate }] of Object.entries(content.repositories)) {
          if (isPrivate && !isAcrHost(host)) {
            // A private repository of a public registry: an anonymous client gets Docker Hub's 401.
            const err = await client.resolve(repository, Object.keys(tags)[0] ?? 'latest').catch((e: unknown) => e);
            expect(err).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
            continue;
          }
          if (content.failWith) {
            const err = await client.resolve(repository, Object.keys(tags)[0] ?? 'latest').catch((e: unknown) => e);
            expect(err).toBeInstanceOf(RegistryError);
            expect(err).toMatchObject({ statusCode: content.failWith.status, code: content.failWith.code });
            continue;
          }
          const listed = await client.listTags(repository);
          expect(listed.map((t) => t.name).sort()).toEqual(Object.keys(tags).sort());
          if (isAcrHost(host)) {
            // ACR's tag properties carry the world's push times, newest first.
            const pushed = (tag: string) => Date.parse(tags[tag]!.pushedAt ?? '2025-01-01T00:00:00Z');
            expect(listed.map((t) => Date.parse(t.lastUpdatedOn!))).toEqual(listed.map((t) => pushed(t.name)));
            expect(listed.map((t) => t.lastUpdatedOn)).toEqual(listed.map((t) => t.lastUpdatedOn).sort().reverse());
          }
          for (const [tag, spec] of Object.entries(tags)) {
            const facts = await client.resolve(repository, tag);
            // ACR's properties of a single image name os/architecture, not the variant; an index keeps it.
            // A Windows build (`windows(10.0.20348.2966)/amd64`) is the entry's os.version, not part of its platform.
            const plain = [...new Set(spec.platforms.map(plainPlatform))];
            const expected = isAcrHost(host) && spec.platforms.length === 1 ? plain.map((p) => p.split('/').slice(0, 2).join('/')) : plain;
            expect(facts.platforms).toEqual(expected);
            if (spec.platforms.length > 1 && spec.platforms.some((p) => p.includes('('))) {
              expect(Object.values(facts.osVersionsByPlatform ?? {}).flat()).toEqual(spec.platforms.map((p) => /\(([0-9.]+)\)/.exec(p)?.[1] ?? ''));
            }
            for (const platform of expected) expect(facts.sizeBytesByPlatform[platform]).toBe(spec.sizeBytes);
          }
        }
      }
    } finally {
      await server.stop();
    }
  });
});

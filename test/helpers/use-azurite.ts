import { startAzurite, type Azurite } from './azurite';

// Jest hooks live here, not in azurite.ts: the benchmarks (tsconfig.build.json, no jest types) import that one.
/**
 * Azurite for every test of the enclosing file or describe block: started before the first test,
 * stopped after the last. The returned object reads the running instance's endpoints (use them
 * inside tests and hooks, not at module load).
 */
export function useAzurite(): Omit<Azurite, 'stop'> {
  let started: Azurite | undefined;
  beforeAll(async () => {
    started = await startAzurite();
  }, 60_000);
  afterAll(async () => {
    await started?.stop();
  });
  const running = (): Azurite => {
    if (!started) throw new Error('Azurite is not running: use its endpoints inside tests or hooks');
    return started;
  };
  return {
    get connectionString() {
      return running().connectionString;
    },
    get tableEndpoint() {
      return running().tableEndpoint;
    },
    get queueEndpoint() {
      return running().queueEndpoint;
    },
  };
}

import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { AzureClients } from '../azure/clients';
import type { RegistryClientFactory } from '../registry/registry-client';
import type { Check } from './check';
import { createEngine } from './engine';
import { useMeterProvider } from '../../test/helpers/meter-provider';

// The engine's traces: one span per diagnosis, one child per check (what Application Insights shows).
const azure = { requestCounts: () => ({ arm: 0, logs: 0 }) } as unknown as AzureClients;
const registries = { forHost: () => { throw new Error('unused'); }, requestCount: () => 0 } as unknown as RegistryClientFactory;
const check = (id: Check['id'], status: 'pass' | 'fail'): Check => ({
  id,
  title: id,
  needs: [],
  run: async () => ({ finding: { status, summary: status, evidence: [], fixes: [] } }),
});

describe('engine telemetry', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(provider);
  });
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  });

  it('records the diagnosis span with its outcome and a child span per check with its status', async () => {
    const engine = createEngine({ azure, registries, checks: [check('cluster', 'pass'), check('registry', 'fail')] });
    await engine.diagnose({ image: 'myacr.azurecr.io/app:v1', source: 'cli', cluster: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks' });
    const spans = exporter.getFinishedSpans();
    const root = spans.find((s) => s.name === 'pull-doctor.diagnose')!;
    expect(root.attributes).toMatchObject({ 'pull_doctor.outcome': 'cause_found', 'pull_doctor.root_cause': 'registry', 'pull_doctor.image': 'myacr.azurecr.io/app:v1' });
    const children = spans.filter((s) => s.name.startsWith('pull-doctor.check '));
    expect(children.map((s) => [s.name, s.attributes]).sort()).toEqual([
      ['pull-doctor.check cluster', { 'pull_doctor.check_id': 'cluster', 'pull_doctor.status': 'pass' }],
      ['pull-doctor.check registry', { 'pull_doctor.check_id': 'registry', 'pull_doctor.status': 'fail' }],
    ]);
    for (const c of children) expect(c.parentSpanContext?.spanId ?? (c as unknown as { parentSpanId?: string }).parentSpanId).toBe(root.spanContext().spanId);
  });
  it('clips the image attribute, leaves the cluster empty when unknown and names no root cause when there is none', async () => {
    exporter.reset();
    const image = `myacr.azurecr.io/${'a'.repeat(600)}:v1`;
    await createEngine({ azure, registries, checks: [check('cluster', 'pass')] }).diagnose({ image, source: 'cli', message: 'something nobody wrote down' });
    const root = exporter.getFinishedSpans().find((s) => s.name === 'pull-doctor.diagnose')!;
    expect(root.attributes).toEqual({ 'pull_doctor.cluster_id': '', 'pull_doctor.image': image.slice(0, 512), 'pull_doctor.source': 'cli', 'pull_doctor.outcome': 'should_work' });
  });
});

describe('engine metrics', () => {
  const { collect } = useMeterProvider();

  it('counts each diagnosis by category, outcome (in the metric spelling), root cause and trigger', async () => {
    const unknownCheck: Check = { id: 'cluster', title: 'cluster', needs: [], run: async () => { throw new Error('boom'); } };
    const runs: Array<[Check[], { message?: string; reason?: string; source: 'cli' | 'alert' }]> = [
      [[check('cluster', 'pass'), check('registry', 'fail')], { source: 'alert', message: 'Failed to pull image "myacr.azurecr.io/app:v1": not found', reason: 'Failed' }],
      [[check('cluster', 'pass')], { source: 'cli', message: 'something nobody wrote down', reason: 'Failed' }],
      [[unknownCheck], { source: 'alert', message: 'something nobody wrote down', reason: 'Failed' }],
    ];
    const expected: Array<Record<string, unknown>> = [];
    for (const [checks, how] of runs) {
      const d = await createEngine({ azure, registries, checks }).diagnose({ image: 'myacr.azurecr.io/app:v1', ...how });
      const outcome = { cause_found: 'cause-found', should_work: 'should-work', undecided: 'undecided' }[d.verdict.outcome];
      const top = d.verdict.rootCauses[0]?.checkId;
      expected.push({ category: d.classification.category, outcome, ...(top ? { root_cause: top } : {}), trigger: how.source });
    }
    expect(expected.map((e) => e.outcome)).toEqual(['cause-found', 'should-work', 'undecided']);
    const points = (await collect()).get('pull_doctor.diagnoses')!;
    expect(points.map((p) => p.attributes)).toEqual(expect.arrayContaining(expected.map((e) => expect.objectContaining(e))));
    expect(points).toHaveLength(3);
    for (const p of points) expect(p.attributes).toEqual(expected.find((e) => e.outcome === p.attributes.outcome));
  });
});

import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { AzureClients } from '../azure/clients';
import type { RegistryClientFactory } from '../registry/registry-client';
import type { Check } from './check';
import { createEngine } from './engine';

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
    expect(children.map((s) => [s.name, s.attributes['pull_doctor.status']]).sort()).toEqual([
      ['pull-doctor.check cluster', 'pass'],
      ['pull-doctor.check registry', 'fail'],
    ]);
    for (const c of children) expect(c.parentSpanContext?.spanId ?? (c as unknown as { parentSpanId?: string }).parentSpanId).toBe(root.spanContext().spanId);
  });
});

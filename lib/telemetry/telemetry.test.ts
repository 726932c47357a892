import { context, trace, SpanStatusCode } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ManagedIdentityCredential } from '@azure/identity';
import { credentialFrom, startTelemetry, stopTelemetry, withSpan } from './telemetry';

describe('withSpan without a tracer provider (telemetry off)', () => {
  it('returns the function result and rethrows its error unchanged', async () => {
    await expect(withSpan('diagnose', { cluster: 'aks-1' }, async () => 42)).resolves.toBe(42);
    const boom = new Error('boom');
    await expect(withSpan('diagnose', {}, () => Promise.reject(boom))).rejects.toBe(boom);
    // The no-op span is not recording: nothing is collected anywhere.
    await withSpan('x', {}, (span) => expect(span.isRecording()).toBe(false));
  });
});

describe('startTelemetry', () => {
  afterEach(() => stopTelemetry());

  it('stays off without a connection string', async () => {
    const state = await startTelemetry({});
    expect(state.enabled).toBe(false);
    expect(state.detail).toMatch(/APPLICATIONINSIGHTS_CONNECTION_STRING is not set/);
  });

  it('rejects a malformed connection string, naming the setting and not echoing the value', async () => {
    await expect(startTelemetry({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'not-a-connection-string' })).rejects.toThrow(
      /APPLICATIONINSIGHTS_CONNECTION_STRING: must be an Application Insights connection string/,
    );
    // A failed start is not cached: a corrected configuration can start afterwards.
    await expect(startTelemetry({})).resolves.toMatchObject({ enabled: false });
  });
});

describe('credentialFrom (APPLICATIONINSIGHTS_AUTHENTICATION_STRING)', () => {
  it('uses the managed identity for Authorization=AAD and nothing otherwise', async () => {
    await expect(credentialFrom('ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD')).resolves.toBeInstanceOf(ManagedIdentityCredential);
    await expect(credentialFrom(' authorization=aad ')).resolves.toBeInstanceOf(ManagedIdentityCredential);
    await expect(credentialFrom(undefined)).resolves.toBeUndefined();
    await expect(credentialFrom('ClientId=x;Authorization=Key')).resolves.toBeUndefined();
    await expect(credentialFrom('garbage')).resolves.toBeUndefined();
  });
});

describe('withSpan with a recording tracer provider', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const contextManager = new AsyncLocalStorageContextManager();

  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
    trace.setGlobalTracerProvider(provider);
  });
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  });
  beforeEach(() => exporter.reset());

  it('records one span per check as children of the diagnosis span, with their attributes', async () => {
    await withSpan('diagnosis', { 'pull_doctor.cluster': 'aks-prod' }, async () => {
      await Promise.all(
        ['registry', 'pull-permission'].map((checkId) =>
          withSpan(`check ${checkId}`, { 'pull_doctor.check_id': checkId }, async () => {
            await new Promise((r) => setTimeout(r, 5));
            return checkId;
          }),
        ),
      );
    });
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name).sort()).toEqual(['check pull-permission', 'check registry', 'diagnosis']);
    const root = spans.find((s) => s.name === 'diagnosis')!;
    expect(root.attributes['pull_doctor.cluster']).toBe('aks-prod');
    for (const child of spans.filter((s) => s.name.startsWith('check '))) {
      expect(child.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
      expect(child.spanContext().traceId).toBe(root.spanContext().traceId);
      expect(child.attributes['pull_doctor.check_id']).toBe(child.name.slice('check '.length));
    }
  });

  it('marks a failing span as an error with the exception and rethrows', async () => {
    await expect(
      withSpan('check registry', {}, () => {
        throw new TypeError('registry lookup failed');
      }),
    ).rejects.toThrow(TypeError);
    const [span] = exporter.getFinishedSpans();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.status.message).toBe('registry lookup failed');
    expect(span.events.map((e) => e.name)).toContain('exception');
  });
});

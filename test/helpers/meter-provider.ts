import { metrics } from '@opentelemetry/api';
import { MeterProvider, MetricReader, type DataPoint } from '@opentelemetry/sdk-metrics';
import { resetInstruments } from '../../lib/telemetry/metrics';

/** A reader the test pulls from on demand. */
class PullReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/**
 * Installs a global MeterProvider for the enclosing describe block (the app's instruments are
 * re-created against it, and dropped again after) and returns `collect()`: every metric recorded so
 * far, by name, with no collection error.
 */
export function useMeterProvider(): { collect(): Promise<Map<string, DataPoint<unknown>[]>> } {
  const reader = new PullReader();
  const provider = new MeterProvider({ readers: [reader] });
  beforeAll(() => {
    metrics.setGlobalMeterProvider(provider);
    resetInstruments();
  });
  afterAll(async () => {
    await provider.shutdown();
    metrics.disable();
    resetInstruments();
  });
  return {
    async collect() {
      const { resourceMetrics, errors } = await reader.collect();
      expect(errors).toEqual([]);
      const byName = new Map<string, DataPoint<unknown>[]>();
      for (const scope of resourceMetrics.scopeMetrics) {
        for (const metric of scope.metrics) byName.set(metric.descriptor.name, metric.dataPoints as DataPoint<unknown>[]);
      }
      return byName;
    },
  };
}

import { createServer, type Server } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { generate } from 'selfsigned';
import { gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { startTelemetry, stopTelemetry, withSpan } from './telemetry';
import { recordDiagnosis } from './metrics';

/**
 * The real Azure Monitor distro exporting to a local stand-in of the Application Insights ingestion
 * endpoint (POST {IngestionEndpoint}/v2.1/track, a JSON array of envelopes, optionally gzipped).
 */
describe('startTelemetry with a connection string', () => {
  let server: Server;
  let ca = '';
  const envelopes: Array<{ name?: string; data?: { baseType?: string; baseData?: Record<string, unknown> } }> = [];
  const paths: string[] = [];

  async function body(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    return (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
  }

  beforeAll(async () => {
    // Statsbeat would report to Microsoft's endpoints, which do not exist here. The exporter's
    // customer SDK stats load their own exporter by a dynamic import on a timer, which can outlive
    // this file and fail in whichever test file the jest worker runs next: off as well.
    process.env.APPLICATIONINSIGHTS_STATSBEAT_DISABLED = 'true';
    process.env.APPLICATIONINSIGHTS_SDKSTATS_DISABLED = 'true';
    // The exporter always speaks HTTPS: a throwaway self-signed certificate for 127.0.0.1, trusted
    // through tlsOptions.ca only by this client.
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    ca = pems.cert;
    // Node ignores the promise a request listener returns: a failure must answer 500 here, not vanish.
    server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
      void (async () => {
        paths.push(`${req.method} ${req.url}`);
        const text = await body(req);
        try {
          const parsed: unknown = JSON.parse(text);
          if (Array.isArray(parsed)) envelopes.push(...parsed);
        } catch {
          // Not JSON: recorded by path only.
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }));
      })().catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await stopTelemetry();
    delete process.env.APPLICATIONINSIGHTS_STATSBEAT_DISABLED;
    delete process.env.APPLICATIONINSIGHTS_SDKSTATS_DISABLED;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('exports the diagnosis span and metrics to the ingestion endpoint', async () => {
    const { port } = server.address() as AddressInfo;
    const state = await startTelemetry(
      { APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:${port}/` },
      { tlsOptions: { ca } },
    );
    expect(state).toEqual({ enabled: true, detail: `sending telemetry to https://127.0.0.1:${port}/` });
    // A second start is a no-op sharing the first result.
    await expect(startTelemetry({})).resolves.toBe(state);

    await withSpan('diagnosis', { 'pull_doctor.check_count': 11 }, async () => {
      await withSpan('check registry', { 'pull_doctor.check_id': 'registry' }, async () => undefined);
    });
    recordDiagnosis({ category: 'auth_missing', outcome: 'cause-found', durationMs: 900 });
    await expect(stopTelemetry()).resolves.toEqual({ flushed: true }); // flushes spans and metrics

    expect(paths.some((p) => p.startsWith('POST /v2.1/track'))).toBe(true);
    const spanNames = envelopes
      .filter((e) => e.data?.baseType === 'RemoteDependencyData' || e.data?.baseType === 'RequestData')
      .map((e) => e.data?.baseData?.name);
    expect(spanNames).toEqual(expect.arrayContaining(['diagnosis', 'check registry']));
    const metricNames = envelopes
      .filter((e) => e.data?.baseType === 'MetricData')
      .flatMap((e) => (e.data?.baseData?.metrics as Array<{ name: string }> | undefined)?.map((m) => m.name) ?? []);
    expect(metricNames).toContain('pull_doctor.diagnoses');
  }, 20_000);
});

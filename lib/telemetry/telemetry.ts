import { SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import type { TokenCredential } from '@azure/core-auth';
import type { TlsSettings } from '@azure/core-rest-pipeline';
import { z } from 'zod';
import { resetInstruments } from './metrics';

/**
 * OpenTelemetry for pull-doctor: traces per diagnosis (one span per check) and a few metrics, sent
 * to Application Insights through the Azure Monitor distro when a connection string is set. Without
 * one nothing is registered, the OpenTelemetry API stays on its no-op providers and every helper
 * here costs a function call.
 *
 * APPLICATIONINSIGHTS_CONNECTION_STRING / _AUTHENTICATION_STRING are host settings (the Functions
 * host reads them too, infra/ sets them), so they are read here rather than in lib/config.
 */
const TelemetryEnv = z.object({
  APPLICATIONINSIGHTS_CONNECTION_STRING: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined))
    .refine((v) => v === undefined || /(^|;)\s*InstrumentationKey=/i.test(v), {
      message: 'must be an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)',
    }),
  // "ClientId=<guid>;Authorization=AAD": Entra auth with a user-assigned identity, needed when the
  // component has local auth disabled (infra/ does that).
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: z.string().optional(),
});

export const TRACER_NAME = 'pull-doctor';

export interface TelemetryState {
  enabled: boolean;
  /** Why telemetry is off, or where it goes (never the connection string itself). */
  detail: string;
}

export interface StartTelemetryOptions {
  /**
   * TLS settings for the ingestion endpoint, e.g. `{ ca }` for a private ingestion proxy behind
   * a private CA (and the tests' local endpoint). The exporter always speaks HTTPS.
   */
  tlsOptions?: TlsSettings;
}

let started: Promise<TelemetryState> | undefined;
let distro: typeof import('@azure/monitor-opentelemetry') | undefined;

/** The credential APPLICATIONINSIGHTS_AUTHENTICATION_STRING asks for (exported for tests). */
export async function credentialFrom(authString: string | undefined): Promise<TokenCredential | undefined> {
  if (!authString) return undefined;
  const parts = new Map(
    authString.split(';').map((kv) => {
      const i = kv.indexOf('=');
      return [kv.slice(0, i).trim().toLowerCase(), kv.slice(i + 1).trim()] as const;
    }),
  );
  if (parts.get('authorization')?.toLowerCase() !== 'aad') return undefined;
  const clientId = parts.get('clientid');
  const { ManagedIdentityCredential } = await import('@azure/identity');
  return clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
}

/**
 * Starts the Azure Monitor distro once per process when APPLICATIONINSIGHTS_CONNECTION_STRING is
 * set. Safe to call from every entry point; later calls share the first result. A malformed
 * connection string rejects with the setting's name (bad configuration should be loud at start).
 * The distro is loaded only here (it takes seconds to load), so the CLI and tests never pay for it.
 */
export function startTelemetry(
  env: Record<string, string | undefined> = process.env,
  options: StartTelemetryOptions = {},
): Promise<TelemetryState> {
  started ??= start(env, options).catch((error: unknown) => {
    started = undefined;
    throw error;
  });
  return started;
}

async function start(env: Record<string, string | undefined>, options: StartTelemetryOptions): Promise<TelemetryState> {
  const parsed = TelemetryEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid telemetry settings: ${problems}`);
  }
  const connectionString = parsed.data.APPLICATIONINSIGHTS_CONNECTION_STRING;
  if (!connectionString) {
    return { enabled: false, detail: 'APPLICATIONINSIGHTS_CONNECTION_STRING is not set; telemetry is off' };
  }
  const credential = await credentialFrom(parsed.data.APPLICATIONINSIGHTS_AUTHENTICATION_STRING);
  // Loaded on demand (it takes seconds); the bundle (scripts/bundle.mjs) keeps it in its own chunk.
  distro = await import('@azure/monitor-opentelemetry');
  distro.useAzureMonitor({
    azureMonitorExporterOptions: {
      connectionString,
      ...(credential ? { credential } : {}),
      ...(options.tlsOptions ? { tlsOptions: options.tlsOptions } : {}),
    },
    // Live metrics would open a second long-lived connection per instance; not needed here.
    enableLiveMetrics: false,
    // Diagnoses are few and each trace matters: keep every one instead of the distro's default
    // rate limit of 5 traces per second.
    samplingRatio: 1,
    tracesPerSecond: 0,
  });
  resetInstruments();
  const endpoint = /IngestionEndpoint=([^;]+)/i.exec(connectionString)?.[1] ?? 'the default ingestion endpoint';
  return { enabled: true, detail: `sending telemetry to ${endpoint}${credential ? ' with Entra auth' : ''}` };
}

/**
 * Flushes and stops the distro (tests, CLI exit). No-op when it was never started. A failed final
 * export is reported in the result, never thrown: losing the last telemetry batch must not turn a
 * finished diagnosis into a crash.
 */
export async function stopTelemetry(): Promise<{ flushed: boolean; error?: string }> {
  const running = distro;
  started = undefined;
  distro = undefined;
  resetInstruments();
  if (!running) return { flushed: true };
  try {
    await running.shutdownAzureMonitor();
    return { flushed: true };
  } catch (error) {
    return { flushed: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Runs `fn` inside an active span named `name`: nested spans (one per check inside a diagnosis)
 * become its children. An exception is recorded on the span, marks it as an error and is rethrown
 * unchanged. Attributes must never carry secrets; pass ids and names only.
 */
export async function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T> | T): Promise<T> {
  return trace.getTracer(TRACER_NAME).startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

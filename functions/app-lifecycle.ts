import { app, type InvocationContext } from '@azure/functions';
import { getServices } from '../lib/app/create-services';
import { storageRefusal } from '../lib/app/storage-connection';
import { readSettings } from '../lib/config/settings';
import { clipForLog } from '../lib/intake/logger';
import { startTelemetry, stopTelemetry } from '../lib/telemetry';
// The one exception to the cold-start rule (lib/app/lazy-ports.ts): every HTTP route's first request
// reads or writes Table or Queue Storage (intake dedupes and queues; Slack records each request id
// to drop its retries), so their SDKs load with the app. An instance then pays for them while it
// starts, before it is given traffic, not inside its first request; loaded in one static graph they
// also cost less CPU than the same modules imported on first use (BENCHMARKS.md, cold start). The
// CLI and the tests still load them lazily (lib/app/create-services.ts imports them on first use).
import '../lib/incidents/table-incident-store';
import '../lib/queue/storage-job-queue';
import '../lib/warnings/table-warning-store';

// Telemetry starts once per worker, before any invocation, and flushes at shutdown. Without
// APPLICATIONINSIGHTS_CONNECTION_STRING it stays off; a malformed one is logged loudly at start.
app.hook.appStart(async () => {
  // Settings are read (and unusable secrets logged by name) at start, not on the first request.
  try {
    // Every route's first request needs Table and Queue Storage. Their SDKs are loaded (the imports
    // above); build the clients, and load the credential's SDK for identity-based Storage, before
    // the worker answers the host's init (its startApp awaits the appStart hooks first: Azure
    // Functions Node.js worker, src/startApp.ts), so before any invocation: local work, no request.
    // Then, not awaited, the first Storage token and, unless a request reached Storage within 200 ms,
    // one run of each pipeline: an instance that is up before its first request (always ready, or a
    // request still on its way) meets it warm; a first request arriving sooner waits for the same
    // promises (nothing runs twice). A failure here is only logged: the first use tries again.
    const services = getServices();
    const notPreloaded = (error: unknown) => console.error(`storage: not preloaded, the first request tries again: ${clipForLog(error instanceof Error ? error.message : String(error))}`);
    await services.loadIntake().catch(notPreloaded);
    services.preloadIntake(AbortSignal.timeout(30_000)).catch(notPreloaded);
  } catch (error) {
    console.error(`settings: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const state = await startTelemetry();
    console.info(`telemetry: ${state.detail}`);
  } catch (error) {
    console.error(`telemetry: not started: ${error instanceof Error ? error.message : String(error)}`);
  }
});

app.hook.appTerminate(async () => {
  const result = await stopTelemetry();
  if (!result.flushed) console.error(`telemetry: last batch not sent: ${result.error}`);
});

// No silent modes: in Azure without incident storage, every handler refuses (HTTP 503; other
// triggers throw, so Event Grid and the queue retry) and says which setting is missing.
app.hook.preInvocation((context) => {
  const refusal = storageRefusalOnce();
  if (!refusal) return;
  const http = context.invocationContext.options.trigger.type === 'httpTrigger';
  context.functionHandler = (_input: unknown, invocation: InvocationContext) => {
    invocation.error(refusal);
    if (http) return { status: 503, jsonBody: { error: refusal } };
    throw new Error(refusal);
  };
});

let refusalChecked: { value: string | undefined } | undefined;
function storageRefusalOnce(): string | undefined {
  try {
    refusalChecked ??= { value: storageRefusal(readSettings()) };
  } catch {
    // Invalid settings are reported at start (appStart above) and by the handlers themselves.
    refusalChecked = { value: undefined };
  }
  return refusalChecked.value;
}

import { app, type InvocationContext } from '@azure/functions';
import { getServices } from '../lib/app/create-services';
import { startIntakeStorage } from '../lib/app/intake-storage';
import { storageRefusal } from '../lib/app/storage-connection';
import { readSettings } from '../lib/config/settings';
import { startTelemetry, stopTelemetry } from '../lib/telemetry';
// The one exception to the cold-start rule (lib/app/lazy-ports.ts): every route's first request uses
// Table or Queue Storage, so their SDKs load with the app, paid while an instance starts (the CLI
// and tests still import them on first use). BENCHMARKS.md, cold start, has the figures.
import '../lib/incidents/table-incident-store';
import '../lib/queue/storage-job-queue';
import '../lib/warnings/table-warning-store';

// Telemetry starts once per worker, before any invocation, and flushes at shutdown. Without
// APPLICATIONINSIGHTS_CONNECTION_STRING it stays off; a malformed one is logged loudly at start.
app.hook.appStart(async () => {
  // Settings are read (and unusable secrets logged by name) at start, not on the first request.
  try {
    // Storage clients (and the credential for identity-based Storage) before any invocation; the token and warm-up after.
    await startIntakeStorage(getServices(), (line) => console.error(line));
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

import { app } from '@azure/functions';
import { getServices } from '../lib/app/create-services';
import { startTelemetry, stopTelemetry } from '../lib/telemetry';

// Telemetry starts once per worker, before any invocation, and flushes at shutdown. Without
// APPLICATIONINSIGHTS_CONNECTION_STRING it stays off; a malformed one is logged loudly at start.
app.hook.appStart(async () => {
  // Settings are read (and unusable secrets logged by name) at start, not on the first request.
  try {
    getServices();
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

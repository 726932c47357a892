import { app, type InvocationContext, type Timer } from '@azure/functions';
import { getServices, type Services } from '../lib/app/create-services';
import { contextLogger } from '../lib/intake/logger';
import { runAutoResolve, type AutoResolveResult } from '../lib/jobs/auto-resolve';

/** Every 5 minutes: quiet incidents get a re-check that resolves them when the pull works; expired mutes reopen. */
export function autoResolveHandler(services: () => Services = getServices) {
  return async (_timer: Timer, context: InvocationContext): Promise<AutoResolveResult> =>
    runAutoResolve({ ...services().autoResolveDeps(), log: contextLogger(context) }, { signal: AbortSignal.timeout(240_000) });
}

app.timer('autoResolve', { schedule: '0 */5 * * * *', handler: autoResolveHandler() });

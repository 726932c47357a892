import { app, type EventGridEvent, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { getServices, type Services } from '../lib/app/create-services';
import { handleAcrEvents, handleEventGridHttp, type EventsOutcome } from '../lib/intake/handlers';
import { contextLogger } from '../lib/intake/logger';
import { routeEnabled } from '../lib/app/http-routes';
import { BODY_LIMITS } from '../lib/http/bounded-body';
import { handleChangeEvents } from '../lib/prevent/change-handler';
import { boundedBody, HTTP_BUDGET_MS, refusedBody, toResponse } from './http-answer';

/** Incidents first (re-check on push, remember a delete), then prevention: each event is also a change (issue 18). */
async function acrAndChanges(s: Services, body: unknown, log: ReturnType<typeof contextLogger>, signal: AbortSignal): Promise<EventsOutcome> {
  const outcome = await handleAcrEvents(s, body, log, signal);
  await handleChangeEvents(s.changeIntakeDeps(), body, log, signal);
  return outcome;
}

/** ACR ImagePushed (re-check matching incidents) and ImageDeleted (remember the deletion) system events. */
export function acrEventHandler(services: () => Services = getServices) {
  return async (event: EventGridEvent, context: InvocationContext): Promise<EventsOutcome> =>
    acrAndChanges(services(), event, contextLogger(context), AbortSignal.timeout(HTTP_BUDGET_MS));
}

export function acrEventsWebhookHandler(services: () => Services = getServices) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const log = contextLogger(context);
    const signal = AbortSignal.timeout(HTTP_BUDGET_MS);
    const body = await boundedBody(request, BODY_LIMITS.eventGrid, log, 'event webhook');
    if (!body.ok) return refusedBody(body);
    return toResponse(await handleEventGridHttp(request.method, request.headers, body.text, (events) => acrAndChanges(services(), events, log, signal), log));
  };
}

app.eventGrid('acrEvents', { handler: acrEventHandler() });
// Local development only: in Azure, Event Grid delivers to the trigger above (no public route).
if (routeEnabled('event-grid-http')) app.http('acrEventsWebhook', { methods: ['POST', 'OPTIONS'], authLevel: 'function', route: 'events/acr', handler: acrEventsWebhookHandler() });

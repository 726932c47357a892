import { app, type EventGridEvent, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { getServices, type Services } from '../lib/app/create-services';
import { handleEventGridHttp } from '../lib/intake/handlers';
import { contextLogger } from '../lib/intake/logger';
import { routeEnabled } from '../lib/app/http-routes';
import { BODY_LIMITS } from '../lib/http/bounded-body';
import { handleChangeEvents, type ChangeOutcome } from '../lib/prevent/change-handler';
import { boundedBody, HTTP_BUDGET_MS, refusedBody, toResponse } from './http-answer';

/** Azure Resource Manager change events (subscription / resource group system topics) → debounced impact jobs (issue 18). */
export function changeEventHandler(services: () => Services = getServices) {
  return async (event: EventGridEvent, context: InvocationContext): Promise<ChangeOutcome> =>
    handleChangeEvents(services().changeIntakeDeps(), event, contextLogger(context), AbortSignal.timeout(HTTP_BUDGET_MS));
}

/** The same events delivered to an HTTP webhook (with the Event Grid validation handshake). */
export function changeEventsWebhookHandler(services: () => Services = getServices) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const log = contextLogger(context);
    const signal = AbortSignal.timeout(HTTP_BUDGET_MS);
    const body = await boundedBody(request, BODY_LIMITS.eventGrid, log, 'event webhook');
    if (!body.ok) return refusedBody(body);
    const handle = async (events: unknown) => {
      const o = await handleChangeEvents(services().changeIntakeDeps(), events, log, signal);
      return { accepted: o.changes, ignored: o.ignored, malformed: o.malformed, duplicates: o.folded, enqueued: o.enqueued };
    };
    return toResponse(await handleEventGridHttp(request.method, request.headers, body.text, handle, log));
  };
}

app.eventGrid('changeEvents', { handler: changeEventHandler() });
// Local development only: in Azure, Event Grid delivers to the trigger above (no public route).
if (routeEnabled('event-grid-http')) app.http('changeEventsWebhook', { methods: ['POST', 'OPTIONS'], authLevel: 'function', route: 'events/changes', handler: changeEventsWebhookHandler() });

import { app, type EventGridEvent, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { getServices, type Services } from '../lib/app/create-services';
import { handleAcrEvents, handleEventGridHttp, type EventsOutcome } from '../lib/intake/handlers';
import { contextLogger } from '../lib/intake/logger';
import { HTTP_BUDGET_MS, toResponse } from './http-answer';

/** ACR ImagePushed (re-check matching incidents) and ImageDeleted (remember the deletion) system events. */
export function acrEventHandler(services: () => Services = getServices) {
  return async (event: EventGridEvent, context: InvocationContext): Promise<EventsOutcome> =>
    handleAcrEvents(services(), event, contextLogger(context), AbortSignal.timeout(HTTP_BUDGET_MS));
}

export function acrEventsWebhookHandler(services: () => Services = getServices) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const log = contextLogger(context);
    const signal = AbortSignal.timeout(HTTP_BUDGET_MS);
    return toResponse(await handleEventGridHttp(request.method, request.headers, await request.text(), (body) => handleAcrEvents(services(), body, log, signal), log));
  };
}

app.eventGrid('acrEvents', { handler: acrEventHandler() });
app.http('acrEventsWebhook', { methods: ['POST', 'OPTIONS'], authLevel: 'function', route: 'events/acr', handler: acrEventsWebhookHandler() });

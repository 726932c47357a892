import { app, type EventGridEvent, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { getServices, type Services } from '../lib/app/create-services';
import { handleEventGridHttp, handleK8sEvents, handleK8sSenderHttp, type EventsOutcome } from '../lib/intake/handlers';
import { contextLogger } from '../lib/intake/logger';
import { HTTP_BUDGET_MS, toResponse } from './http-answer';

/**
 * Kubernetes Warning events from the in-cluster forwarder via an Event Grid custom topic.
 * Malformed events are logged and dropped (returning normally, so Event Grid does not retry them);
 * storage failures throw, so Event Grid redelivers.
 */
export function k8sEventHandler(services: () => Services = getServices) {
  return async (event: EventGridEvent, context: InvocationContext): Promise<EventsOutcome> =>
    handleK8sEvents(services(), event, contextLogger(context), AbortSignal.timeout(HTTP_BUDGET_MS));
}

/** The same events delivered to an HTTP webhook (with the Event Grid validation handshake). */
export function k8sEventsWebhookHandler(services: () => Services = getServices) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const log = contextLogger(context);
    const signal = AbortSignal.timeout(HTTP_BUDGET_MS);
    return toResponse(await handleEventGridHttp(request.method, request.headers, await request.text(), (body) => handleK8sEvents(services(), body, log, signal), log));
  };
}

/** One cluster's exporter posting its raw webhook body; the route's sender (and its token) names the cluster. */
export function k8sSenderWebhookHandler(services: () => Services = getServices) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> =>
    toResponse(await handleK8sSenderHttp(services(), request.params.sender ?? '', request.headers, await request.text(), contextLogger(context), AbortSignal.timeout(HTTP_BUDGET_MS)));
}

app.eventGrid('k8sEvents', { handler: k8sEventHandler() });
app.http('k8sEventsWebhook', { methods: ['POST', 'OPTIONS'], authLevel: 'function', route: 'events/k8s', handler: k8sEventsWebhookHandler() });
app.http('k8sSenderEvents', { methods: ['POST'], authLevel: 'function', route: 'events/k8s/{sender}', handler: k8sSenderWebhookHandler() });

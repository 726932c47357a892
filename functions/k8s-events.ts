import { app, type EventGridEvent, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { getServices, type Services } from '../lib/app/create-services';
import { handleEventGridHttp, handleK8sEvents, handleK8sSenderHttp, type EventsOutcome } from '../lib/intake/handlers';
import { contextLogger } from '../lib/intake/logger';
import { routeEnabled } from '../lib/app/http-routes';
import { BODY_LIMITS } from '../lib/http/bounded-body';
import { boundedBody, HTTP_BUDGET_MS, refusedBody, toResponse } from './http-answer';

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
    const body = await boundedBody(request, BODY_LIMITS.eventGrid, log, 'event webhook');
    if (!body.ok) return refusedBody(body);
    return toResponse(await handleEventGridHttp(request.method, request.headers, body.text, (events) => handleK8sEvents(services(), events, log, signal), log));
  };
}

/** One cluster's exporter posting its raw webhook body; the route's sender (and its token) names the cluster. */
export function k8sSenderWebhookHandler(services: () => Services = getServices) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const log = contextLogger(context);
    const body = await boundedBody(request, BODY_LIMITS.eventGrid, log, 'k8s sender webhook');
    if (!body.ok) return refusedBody(body);
    return toResponse(await handleK8sSenderHttp(services(), request.params.sender ?? '', request.headers, body.text, log, AbortSignal.timeout(HTTP_BUDGET_MS)));
  };
}

app.eventGrid('k8sEvents', { handler: k8sEventHandler() });
// Local development only: in Azure, Event Grid delivers to the trigger above (no public route).
if (routeEnabled('event-grid-http')) app.http('k8sEventsWebhook', { methods: ['POST', 'OPTIONS'], authLevel: 'function', route: 'events/k8s', handler: k8sEventsWebhookHandler() });
// The exporter's per-cluster route exists only where senders are bound (PULL_DOCTOR_K8S_EVENT_SENDERS).
if (routeEnabled('k8s-senders')) app.http('k8sSenderEvents', { methods: ['POST'], authLevel: 'function', route: 'events/k8s/{sender}', handler: k8sSenderWebhookHandler() });

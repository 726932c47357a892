import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { getServices, type Services } from '../lib/app/create-services';
import { BODY_LIMITS } from '../lib/http/bounded-body';
import { handleAlertWebhook } from '../lib/intake/handlers';
import { contextLogger } from '../lib/intake/logger';
import { boundedBody, HTTP_BUDGET_MS, refusedBody, toResponse } from './http-answer';

/**
 * Azure Monitor action group webhook (common alert schema): 202 once the work is queued. Two
 * factors: the function key (authLevel) and, as a secure webhook, the action group's Entra token.
 */
export function alertWebhookHandler(services: () => Services = getServices) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const s = services();
    const log = contextLogger(context);
    const refused = await s.alertAuth.check(request.headers.get('authorization'));
    if (refused) {
      log.warn(`alert webhook: ${refused.status} ${refused.error}`);
      return { status: refused.status, jsonBody: { error: refused.error }, ...(refused.status === 401 ? { headers: { 'WWW-Authenticate': 'Bearer' } } : {}) };
    }
    const body = await boundedBody(request, BODY_LIMITS.alert, log, 'alert webhook');
    if (!body.ok) return refusedBody(body);
    return toResponse(await handleAlertWebhook(s, body.text, log, AbortSignal.timeout(HTTP_BUDGET_MS)));
  };
}

app.http('alertWebhook', { methods: ['POST'], authLevel: 'function', route: 'alerts', handler: alertWebhookHandler() });

import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { getServices, type Services } from '../lib/app/create-services';
import { handleAlertWebhook } from '../lib/intake/handlers';
import { contextLogger } from '../lib/intake/logger';
import { HTTP_BUDGET_MS, toResponse } from './http-answer';

/** Azure Monitor action group webhook (common alert schema): 202 once the work is queued. */
export function alertWebhookHandler(services: () => Services = getServices) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> =>
    toResponse(await handleAlertWebhook(services(), await request.text(), contextLogger(context), AbortSignal.timeout(HTTP_BUDGET_MS)));
}

app.http('alertWebhook', { methods: ['POST'], authLevel: 'function', route: 'alerts', handler: alertWebhookHandler() });

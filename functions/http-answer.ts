import type { HttpResponseInit } from '@azure/functions';
import type { HttpAnswer } from '../lib/intake/handlers';

/** A handler answer as the Functions HTTP response. */
export function toResponse(answer: HttpAnswer): HttpResponseInit {
  return { status: answer.status, jsonBody: answer.jsonBody, ...(answer.headers ? { headers: answer.headers } : {}) };
}

/** HTTP handlers finish well inside the host's timeout and Azure's webhook timeouts. */
export const HTTP_BUDGET_MS = 30_000;

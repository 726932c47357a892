import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { readBoundedText, type BoundedBody } from '../lib/http/bounded-body';
import type { HttpAnswer } from '../lib/intake/handlers';
import type { Logger } from '../lib/intake/logger';

/** A handler answer as the Functions HTTP response. */
export function toResponse(answer: HttpAnswer): HttpResponseInit {
  return { status: answer.status, jsonBody: answer.jsonBody, ...(answer.headers ? { headers: answer.headers } : {}) };
}

/** HTTP handlers finish well inside the host's timeout and Azure's webhook timeouts. */
export const HTTP_BUDGET_MS = 30_000;

/** The body text within `limitBytes` (lib/http/bounded-body.ts), or the refusal, logged once. */
export async function boundedBody(request: HttpRequest, limitBytes: number, log: Logger, what: string): Promise<BoundedBody> {
  const body = await readBoundedText(request, limitBytes);
  if (!body.ok) log.warn(`${what}: ${body.status} ${body.error}`);
  return body;
}

export function refusedBody(body: Extract<BoundedBody, { ok: false }>): HttpResponseInit {
  return { status: body.status, jsonBody: { error: body.error } };
}

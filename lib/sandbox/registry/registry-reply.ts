import type { ServerResponse } from 'node:http';

/** Replies as a registry does; every /v2 response carries the distribution API version header. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'docker-distribution-api-version': 'registry/2.0',
    ...headers,
  });
  res.end(res.req?.method === 'HEAD' ? undefined : text);
}

/** `{"errors":[{"code","message","detail"}]}` — the OCI distribution error body. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  detail: unknown = null,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { errors: [{ code, message, detail }] }, headers);
}

export function sendBytes(res: ServerResponse, status: number, body: Buffer | undefined, headers: Record<string, string>): void {
  res.writeHead(status, { 'docker-distribution-api-version': 'registry/2.0', ...headers });
  res.end(res.req?.method === 'HEAD' ? undefined : body);
}

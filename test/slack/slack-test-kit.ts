import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { slackSignature } from '../../lib/slack/verify-slack-request';
import { listenOnLoopback } from '../../lib/util/listen-loopback';

export const SIGNING_SECRET = 'testonlysigningsecret0123456789a';

/** A local stand-in for Slack's response_url endpoint (hooks.slack.com/commands/…): records each POST. */
export interface ResponseUrlServer {
  url(path?: string): string;
  posts: Array<{ path: string; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startResponseUrlServer(): Promise<ResponseUrlServer> {
  const posts: ResponseUrlServer['posts'] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      posts.push({ path: req.url ?? '', body: JSON.parse(text) as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  const port = await listenOnLoopback(server);
  return {
    url: (path = `/commands/T0001/${Date.now()}/${randomUUID()}`) => `http://127.0.0.1:${port}${path}`,
    posts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function slashBody(fields: Record<string, string>): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    team_domain: 'example',
    channel_id: 'CONCALL1',
    channel_name: 'oncall',
    user_id: 'UDIAG01',
    user_name: 'bob',
    command: '/pull-doctor',
    text: 'help',
    api_app_id: 'A0001',
    trigger_id: `${Date.now()}.${randomUUID()}`,
    ...fields,
  }).toString();
}

export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function blockAction(fields: { actionId: string; value: string; userId?: string; userName?: string; responseUrl: string }): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: fields.userId ?? 'UDIAG01', username: fields.userName ?? 'bob', team_id: 'T0001' },
    api_app_id: 'A0001',
    team: { id: 'T0001', domain: 'example' },
    channel: { id: 'CONCALL1', name: 'oncall' },
    container: { type: 'message', message_ts: '1764100000.000100', channel_id: 'CONCALL1' },
    trigger_id: `${Date.now()}.${randomUUID()}`,
    response_url: fields.responseUrl,
    actions: [{ type: 'button', action_id: fields.actionId, block_id: 'pd_actions', value: fields.value, action_ts: `${Date.now() / 1000}` }],
  };
}

/** A request as the Functions host hands it over, signed like Slack signs it (or not). */
export function slackRequest(
  path: string,
  body: string,
  options: { secret?: string; timestamp?: number; signature?: string | null; extraHeaders?: Record<string, string> } = {},
): HttpRequest {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...options.extraHeaders };
  if (options.signature !== null) {
    headers['x-slack-request-timestamp'] = String(timestamp);
    headers['x-slack-signature'] = options.signature ?? slackSignature(options.secret ?? SIGNING_SECRET, timestamp, body);
  }
  return new HttpRequest({ method: 'POST', url: `https://pull-doctor.example.net/api/${path}`, headers, body: { string: body } });
}

export function invocation(): InvocationContext {
  return new InvocationContext({ functionName: 'slack-test', invocationId: randomUUID(), logHandler: () => undefined });
}

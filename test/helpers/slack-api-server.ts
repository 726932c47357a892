import { createServer, type Server, type ServerResponse } from 'node:http';
import { validateSlackMessage } from '../../lib/render/slack-limits';
import { readBody } from './net';
import { listenOnLoopback } from '../../lib/util/listen-loopback';

/**
 * A local stand-in for the Slack Web API (https://slack.com/api/<method>) and an incoming webhook,
 * speaking their wire shapes: form-encoded (or JSON) bodies with the token in `Authorization: Bearer`,
 * HTTP 200 with `{ ok: true, … }` or `{ ok: false, error: "<code>" }`, HTTP 429 with `Retry-After`.
 * Block Kit limits are enforced as Slack does (`invalid_blocks`), so a renderer bug fails the test.
 */

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  authorization?: string;
  at: number;
}

export interface SlackMessageRecord {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  /** Message metadata as posted (`event_type`, `event_payload`). */
  metadata?: Record<string, unknown>;
  edits: number;
}

/** A scripted answer for the next call(s) of a method, before its normal handling. */
export type ScriptedResponse =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'platform_error'; error: string }
  | { kind: 'http_error'; status: number }
  /** No answer: the connection is held for `ms` and then dropped, unprocessed (a timeout on the client). */
  | { kind: 'hang'; ms: number };

export interface SlackApiServer {
  url: string;
  /** `slackApiUrl` for WebClient: `<url>/api/`. */
  apiUrl: string;
  webhookUrl: string;
  calls: RecordedCall[];
  webhookPosts: Array<Record<string, unknown>>;
  messages: Map<string, SlackMessageRecord>;
  /** Queue scripted answers for `method` (`chat.postMessage`, `chat.update`, `webhook`). */
  script(method: string, ...responses: ScriptedResponse[]): void;
  /** Drops every scripted answer not used yet (the fault is over). */
  clearScripts(): void;
  close(): Promise<void>;
}

/** WebClient flattens nested arguments to JSON strings inside a form body; undo that. */
function parseParams(body: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return JSON.parse(body) as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    params[key] = ['blocks', 'attachments', 'metadata'].includes(key) ? (JSON.parse(value) as unknown) : value;
  }
  return params;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json; charset=utf-8', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Scopes a token has unless a test says otherwise. */
const DEFAULT_SCOPES = ['chat:write', 'commands', 'channels:history', 'groups:history'];

/**
 * conversations.history (https://api.slack.com/methods/conversations.history): the channel's
 * top-level messages newest first, after `oldest` (exclusive), `limit` per page with a cursor;
 * metadata only with `include_all_metadata`. Public channels (C…) need `channels:history`, private
 * ones (G…) `groups:history`, else `missing_scope`.
 */
function history(messages: Map<string, SlackMessageRecord>, channel: string, params: Record<string, unknown>, scopes: string[]): Record<string, unknown> {
  const needed = channel.startsWith('G') ? 'groups:history' : 'channels:history';
  if (!scopes.includes(needed)) return { ok: false, error: 'missing_scope', needed, provided: scopes.join(',') };
  const oldest = Number(params.oldest ?? 0);
  const limit = Math.min(999, Math.max(1, Number(params.limit ?? 100)));
  const offset = params.cursor ? Number(Buffer.from(String(params.cursor), 'base64').toString('utf8').replace(/^offset:/, '')) : 0;
  const all = [...messages.values()].filter((m) => m.channel === channel && !m.thread_ts && Number(m.ts) > oldest).sort((a, b) => Number(b.ts) - Number(a.ts));
  const page = all.slice(offset, offset + limit);
  const more = offset + limit < all.length;
  const withMetadata = params.include_all_metadata === true || params.include_all_metadata === 'true';
  return {
    ok: true,
    messages: page.map((m) => ({ type: 'message', ts: m.ts, text: m.text, ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) })),
    has_more: more,
    response_metadata: { next_cursor: more ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '' },
  };
}

export async function startSlackApiServer(options: { token: string; channels: string[]; scopes?: string[] }): Promise<SlackApiServer> {
  const calls: RecordedCall[] = [];
  const webhookPosts: Array<Record<string, unknown>> = [];
  const messages = new Map<string, SlackMessageRecord>();
  const scripts = new Map<string, ScriptedResponse[]>();
  let counter = 0;
  // Slack's ts is the post time in epoch seconds, made unique by the fraction (conversations.history filters on it).
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++counter).padStart(6, '0')}`;

  const scripted = (method: string, res: ServerResponse): boolean => {
    const next = scripts.get(method)?.shift();
    if (!next) return false;
    if (next.kind === 'hang') {
      setTimeout(() => res.socket?.destroy(), next.ms);
      return true;
    }
    if (next.kind === 'rate_limited') send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(next.retryAfterSeconds) });
    else if (next.kind === 'platform_error') send(res, method === 'webhook' ? 404 : 200, method === 'webhook' ? next.error : { ok: false, error: next.error });
    else send(res, next.status, method === 'webhook' ? 'internal_error' : '<html>upstream error</html>');
    return true;
  };

  const handleApi = (method: string, params: Record<string, unknown>, authorization: string | undefined): Record<string, unknown> => {
    if (authorization !== `Bearer ${options.token}`) return { ok: false, error: 'invalid_auth' };
    const channel = String(params.channel ?? '');
    if (!options.channels.includes(channel)) return { ok: false, error: 'channel_not_found' };
    if (method === 'conversations.history') return history(messages, channel, params, options.scopes ?? DEFAULT_SCOPES);
    const text = typeof params.text === 'string' ? params.text : '';
    const blocks = Array.isArray(params.blocks) ? params.blocks : undefined;
    if (text.length > 40_000) return { ok: false, error: 'msg_too_long' };
    if (blocks) {
      const problems = validateSlackMessage({ text: text || 'x', blocks });
      if (problems.length > 0) return { ok: false, error: 'invalid_blocks', response_metadata: { messages: problems } };
    }
    if (!text && !blocks && method !== 'chat.delete') return { ok: false, error: 'no_text' };
    if (method === 'chat.postMessage') {
      const threadTs = typeof params.thread_ts === 'string' ? params.thread_ts : undefined;
      if (threadTs && !messages.has(threadTs)) return { ok: false, error: 'thread_not_found' };
      const ts = nextTs();
      const metadata = params.metadata && typeof params.metadata === 'object' ? (params.metadata as Record<string, unknown>) : undefined;
      messages.set(ts, { channel, ts, thread_ts: threadTs, text, blocks, ...(metadata ? { metadata } : {}), edits: 0 });
      return { ok: true, channel, ts, message: { type: 'message', text, ts, ...(threadTs ? { thread_ts: threadTs } : {}) } };
    }
    if (method === 'chat.update') {
      const ts = String(params.ts ?? '');
      const message = messages.get(ts);
      if (!message || message.channel !== channel) return { ok: false, error: 'message_not_found' };
      message.text = text;
      message.blocks = blocks;
      message.edits += 1;
      return { ok: true, channel, ts, text };
    }
    if (method === 'chat.delete') {
      const ts = String(params.ts ?? '');
      const message = messages.get(ts);
      if (!message || message.channel !== channel) return { ok: false, error: 'message_not_found' };
      messages.delete(ts);
      return { ok: true, channel, ts };
    }
    return { ok: false, error: 'unknown_method' };
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (req.method === 'POST' && path === '/services/T000/B000/webhooksecret') {
        if (scripted('webhook', res)) return;
        const payload = JSON.parse(body) as Record<string, unknown>;
        const blocks = Array.isArray(payload.blocks) ? payload.blocks : [];
        if (blocks.length > 0 && validateSlackMessage({ text: String(payload.text ?? 'x'), blocks }).length > 0) return send(res, 400, 'invalid_blocks');
        webhookPosts.push(payload);
        return send(res, 200, 'ok');
      }
      const match = /^\/api\/([a-zA-Z.]+)$/.exec(path);
      if (req.method !== 'POST' || !match) return send(res, 404, { ok: false, error: 'unknown_method' });
      const method = match[1]!;
      const params = parseParams(body, req.headers['content-type']);
      calls.push({ method, params, authorization: req.headers.authorization, at: Date.now() });
      if (scripted(method, res)) return;
      send(res, 200, handleApi(method, params, req.headers.authorization));
    })().catch((error: unknown) => send(res, 500, { ok: false, error: String(error) }));
  });
  const port = await listenOnLoopback(server);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    apiUrl: `${url}/api/`,
    webhookUrl: `${url}/services/T000/B000/webhooksecret`,
    calls,
    webhookPosts,
    messages,
    script: (method, ...responses) => scripts.set(method, [...(scripts.get(method) ?? []), ...responses]),
    clearScripts: () => scripts.clear(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

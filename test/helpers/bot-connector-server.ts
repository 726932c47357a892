import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readBody } from './net';
import { listenOnLoopback } from '../../lib/util/listen-loopback';

/**
 * A local stand-in for the Bot Framework connector as Teams serves it (the service URL,
 * e.g. https://smba.trafficmanager.net/teams/), speaking the v3 REST shapes:
 *   POST /v3/conversations                                  create (Teams channel: a new thread) → 201 { id, activityId }
 *   POST /v3/conversations/{id}/activities                  send                                 → 201 { id }
 *   POST /v3/conversations/{id}/activities/{activityId}     reply                                → 201 { id }
 *   PUT  /v3/conversations/{id}/activities/{activityId}     update                               → 200 { id }
 *   DELETE /v3/conversations/{id}/activities/{activityId}   delete                               → 200
 * Errors use the connector's body { error: { code, message } }. Also serves a Teams Workflows
 * webhook (POST /workflows/…) that answers 202 like Power Automate.
 */

export interface ConnectorRequest {
  method: string;
  path: string;
  /** Decoded conversation id, when the path has one. */
  conversationId?: string;
  activityId?: string;
  body: Record<string, unknown>;
  authorization?: string;
}

export interface StoredActivity {
  conversationId: string;
  id: string;
  replyToId?: string;
  activity: Record<string, unknown>;
  updates: number;
}

/**
 * A scripted answer for the next request of a kind: an error status with the connector's error code
 * (and a 429's Retry-After), or no answer at all — the connection is held for `hangMs` and then
 * dropped, unprocessed (a timeout or a lost connection on the client).
 */
export type ScriptedFailure = { status: number; code?: string; retryAfterSeconds?: number } | { hangMs: number };

export interface BotConnectorServer {
  /** Service URL with a trailing slash, as Teams sends it. */
  serviceUrl: string;
  workflowUrl: string;
  requests: ConnectorRequest[];
  activities: Map<string, StoredActivity>;
  workflowPosts: Array<Record<string, unknown>>;
  /** Queue failures for the next requests of a kind: create, send, reply, update, delete, workflow. */
  fail(kind: 'create' | 'send' | 'reply' | 'update' | 'delete' | 'workflow', ...failures: ScriptedFailure[]): void;
  /** Drops every scripted failure not used yet (the fault is over). */
  clearFailures(): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

const error = (code: string, message: string) => ({ error: { code, message } });

export async function startBotConnectorServer(options: { channels: string[]; requireAuthorization?: string }): Promise<BotConnectorServer> {
  const requests: ConnectorRequest[] = [];
  const activities = new Map<string, StoredActivity>();
  const workflowPosts: Array<Record<string, unknown>> = [];
  const failures = new Map<string, ScriptedFailure[]>();
  let sequence = 1_763_600_000_000;
  const key = (conversationId: string, id: string) => `${conversationId}|${id}`;

  const scripted = (kind: string, res: ServerResponse): boolean => {
    const next = failures.get(kind)?.shift();
    if (!next) return false;
    if ('hangMs' in next) {
      setTimeout(() => res.socket?.destroy(), next.hangMs);
      return true;
    }
    const headers: Record<string, string> = next.retryAfterSeconds !== undefined ? { 'retry-after': String(next.retryAfterSeconds) } : {};
    send(res, next.status, error(next.code ?? 'ServiceError', 'scripted failure'), headers);
    return true;
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    if (req.method === 'POST' && path.startsWith('/workflows/')) {
      if (scripted('workflow', res)) return;
      const attachments = body.attachments as Array<{ contentType?: string }> | undefined;
      if (body.type !== 'message' || attachments?.[0]?.contentType !== 'application/vnd.microsoft.card.adaptive') {
        return send(res, 400, error('InvalidRequestContent', 'expected a message with an Adaptive Card attachment'));
      }
      workflowPosts.push(body);
      return send(res, 202, undefined);
    }
    const m = /^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?$/.exec(path);
    if (!m) return send(res, 404, error('NotFound', `no route ${req.method} ${path}`));
    const conversationId = m[1] === undefined ? undefined : decodeURIComponent(m[1]);
    const activityId = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
    requests.push({ method: req.method ?? '', path, conversationId, activityId, body, authorization: req.headers.authorization });
    if (options.requireAuthorization !== undefined && req.headers.authorization !== options.requireAuthorization) {
      return send(res, 401, error('Unauthorized', 'Authorization has been denied for this request.'));
    }
    const thread = (id: string) => id.split(';messageid=')[0]!;
    const knownConversation = (id: string) => options.channels.includes(thread(id));

    if (req.method === 'POST' && !conversationId) {
      if (scripted('create', res)) return;
      const channel = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
      if (!body.isGroup || !channel) return send(res, 400, error('BadSyntax', 'isGroup and channelData.channel.id are required'));
      if (!options.channels.includes(channel)) return send(res, 403, error('BotNotInConversationRoster', 'The bot is not part of the conversation roster.'));
      const activity = body.activity as Record<string, unknown> | undefined;
      if (!activity) return send(res, 400, error('BadSyntax', 'Teams needs an activity to start a channel thread'));
      const id = String(++sequence);
      const threadId = `${channel};messageid=${id}`;
      activities.set(key(threadId, id), { conversationId: threadId, id, activity, updates: 0 });
      return send(res, 201, { id: threadId, activityId: id });
    }
    if (!conversationId || !knownConversation(conversationId)) return send(res, 404, error('ConversationNotFound', 'Conversation not found.'));
    if (req.method === 'POST') {
      const kind = activityId ? 'reply' : 'send';
      if (scripted(kind, res)) return;
      if (activityId && !activities.has(key(conversationId, activityId))) return send(res, 404, error('ActivityNotFoundInConversation', 'The activity to reply to was not found.'));
      const id = String(++sequence);
      activities.set(key(conversationId, id), { conversationId, id, replyToId: activityId, activity: body, updates: 0 });
      return send(res, 201, { id });
    }
    if (req.method === 'PUT' && activityId) {
      if (scripted('update', res)) return;
      const stored = activities.get(key(conversationId, activityId));
      if (!stored) return send(res, 404, error('ActivityNotFoundInConversation', 'The activity to update was not found.'));
      stored.activity = body;
      stored.updates += 1;
      return send(res, 200, { id: activityId });
    }
    if (req.method === 'DELETE' && activityId) {
      if (scripted('delete', res)) return;
      if (!activities.delete(key(conversationId, activityId))) return send(res, 404, error('ActivityNotFoundInConversation', 'The activity to delete was not found.'));
      return send(res, 200, undefined);
    }
    return send(res, 405, error('MethodNotAllowed', `${req.method} not allowed`));
  };

  const server: Server = createServer((req, res) => {
    readBody(req)
      .then((raw) => handle(req, res, raw))
      .catch((e: unknown) => send(res, 500, error('InternalServerError', String(e))));
  });
  const port = await listenOnLoopback(server);
  const base = `http://127.0.0.1:${port}`;
  return {
    serviceUrl: `${base}/`,
    workflowUrl: `${base}/workflows/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=FAKEworkflowSignature`,
    requests,
    activities,
    workflowPosts,
    fail: (kind, ...list) => failures.set(kind, [...(failures.get(kind) ?? []), ...list]),
    clearFailures: () => failures.clear(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

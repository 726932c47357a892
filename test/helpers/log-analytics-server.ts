import { createServer } from 'node:https';
import { createAzureClients } from '../../lib/azure/create-azure-clients';
import { createLogAnalyticsContainerInsights, type ContainerInsightsPort } from '../../lib/logs/container-insights';
import { sandboxCredential } from '../../lib/sandbox/start-sandbox';
import { generateSandboxTls } from '../../lib/sandbox/tls';
import { listenOnLoopback } from '../../lib/util/listen-loopback';

/** One query as the server received it. */
export interface LogsQuerySeen {
  url: string;
  authorization?: string;
  body: { query: string; timespan?: string };
}

export type LogsAnswer = (body: LogsQuerySeen['body']) => { status: number; json: unknown };

/**
 * A local HTTPS server speaking the Log Analytics query API (POST /v1/workspaces/{id}/query →
 * { tables: [{ name, columns: [{ name, type }], rows }] },
 * https://learn.microsoft.com/azure/azure-monitor/logs/api/response-format), and the app's Container
 * insights port over the real `@azure/monitor-query-logs` client pointed at it. `answer` decides each
 * reply; every query is recorded in `seen`.
 */
export async function startLogAnalyticsServer(): Promise<{
  insights: ContainerInsightsPort;
  seen: LogsQuerySeen[];
  answer(reply: LogsAnswer): void;
  stop(): Promise<void>;
}> {
  const tls = await generateSandboxTls();
  const seen: LogsQuerySeen[] = [];
  let reply: LogsAnswer = () => ({ status: 500, json: {} });
  const server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(text) as LogsQuerySeen['body'];
      seen.push({ url: req.url ?? '', authorization: req.headers.authorization, body });
      const { status, json } = reply(body);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  const port = await listenOnLoopback(server);
  const azure = createAzureClients({
    credential: sandboxCredential('00000000-0000-0000-0000-0000000000c1'),
    logsEndpoint: `https://127.0.0.1:${port}/v1`,
    tlsCa: tls.ca,
    retryOptions: { maxRetries: 0 },
  });
  return {
    insights: createLogAnalyticsContainerInsights(azure.logs()),
    seen,
    answer: (r) => void (reply = r),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

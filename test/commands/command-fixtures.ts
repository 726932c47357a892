import fs from 'node:fs';
import path from 'node:path';
import { accessPolicyFrom, type ChatActor } from '../../lib/authz/chat-access';
import type { ChatPort } from '../../lib/chat/chat-port';
import type { CommandContext, CommandReply, CommandServices } from '../../lib/commands/command-context';
import type { Diagnoser } from '../../lib/diagnosis/diagnoser';
import { incidentId } from '../../lib/incidents/incident-key';
import { MemoryIncidentStore } from '../../lib/incidents/memory-incident-store';
import type { Logger } from '../../lib/intake/logger';
import type { ContainerInsightsPort } from '../../lib/logs/container-insights';
import { DiagnosisSchema, type ChatMessageRef, type Diagnosis, type Incident, type PullFailure } from '../../lib/model';
import { MemoryJobQueue } from '../../lib/queue/job-queue';

/** Shared by test/commands, test/slack and test/teams: services with memory stores and recorders. */

export const SUB = '11111111-1111-1111-1111-111111111111';
export const CLUSTER = `/subscriptions/${SUB}/resourceGroups/rg-aks-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod`;
export const OUTSIDE_CLUSTER = `/subscriptions/${SUB}/resourceGroups/rg-other/providers/Microsoft.ContainerService/managedClusters/aks-other`;

export const SLACK_ADMIN: ChatActor = { platform: 'slack', userId: 'UADMIN1', userName: 'alice', channelId: 'CONCALL1', teamId: 'T0001' };
export const SLACK_DIAGNOSER: ChatActor = { platform: 'slack', userId: 'UDIAG01', userName: 'bob', channelId: 'CONCALL1', teamId: 'T0001' };
export const SLACK_STRANGER: ChatActor = { platform: 'slack', userId: 'USTRANGE', userName: 'eve', channelId: 'CRANDOM1', teamId: 'T0001' };

export function fixtureDiagnosis(name = 'acr-not-attached'): Diagnosis {
  const file = path.join(__dirname, '..', 'fixtures', 'diagnoses', `${name}.json`);
  return DiagnosisSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export class RecordingLogger implements Logger {
  readonly lines: Array<{ level: 'info' | 'warn' | 'error'; message: string }> = [];
  info = (message: string) => void this.lines.push({ level: 'info', message });
  warn = (message: string) => void this.lines.push({ level: 'warn', message });
  error = (message: string) => void this.lines.push({ level: 'error', message });
  text(): string {
    return this.lines.map((l) => `${l.level} ${l.message}`).join('\n');
  }
}

/** Returns a fixed diagnosis for any failure and records what it was asked. */
export class RecordingDiagnoser implements Diagnoser {
  readonly calls: PullFailure[] = [];
  constructor(private readonly answer: (failure: PullFailure) => Diagnosis = (failure) => ({ ...fixtureDiagnosis(), failure })) {}
  async diagnose(failure: PullFailure): Promise<Diagnosis> {
    this.calls.push(failure);
    return this.answer(failure);
  }
}

export class RecordingChat implements ChatPort {
  readonly calls: Array<{ method: string; ref: ChatMessageRef; text?: string }> = [];
  constructor(readonly platform: ChatMessageRef['platform'] = 'slack') {}
  async start(): Promise<ChatMessageRef> {
    throw new Error('not used by chat commands');
  }
  async progress(): Promise<void> {}
  async diagnosis(ref: ChatMessageRef): Promise<void> {
    this.calls.push({ method: 'diagnosis', ref });
  }
  async resolved(ref: ChatMessageRef, _incident: Incident, how: string): Promise<void> {
    this.calls.push({ method: 'resolved', ref, text: how });
  }
  async reply(ref: ChatMessageRef, text: string): Promise<void> {
    this.calls.push({ method: 'reply', ref, text });
  }
  async unfinished(ref: ChatMessageRef, _incident: Incident, reason: string): Promise<ChatMessageRef | undefined> {
    this.calls.push({ method: 'unfinished', ref, text: reason });
    return undefined;
  }
  async withdraw(ref: ChatMessageRef): Promise<void> {
    this.calls.push({ method: 'withdraw', ref });
  }
}

export interface TestServices extends CommandServices {
  incidents: MemoryIncidentStore;
  queue: MemoryJobQueue;
  log: RecordingLogger;
}

export function testServices(
  overrides: Partial<Omit<CommandServices, 'settings'>> & { diagnoser?: Diagnoser; containerInsights?: ContainerInsightsPort; settings?: Partial<CommandServices['settings']> } = {},
): TestServices {
  const { settings, ...rest } = overrides;
  return {
    incidents: new MemoryIncidentStore(),
    queue: new MemoryJobQueue(),
    diagnoser: new RecordingDiagnoser(),
    log: new RecordingLogger(),
    now: () => new Date('2026-11-25T22:00:00Z'),
    ...rest,
    settings: {
      allowedClusters: [`/subscriptions/${SUB}/resourceGroups/rg-aks-prod`],
      workspaceIds: ['55555555-5555-5555-5555-555555555555'],
      allowedRegistries: [],
      access: accessPolicyFrom({ PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW: ['slack:CONCALL1', 'teams:19:oncall@thread.tacv2'], PULL_DOCTOR_CHAT_ADMIN_ALLOW: ['slack:UADMIN1', 'teams:aad-admin-1'] }),
      ...settings,
    },
  } as TestServices;
}

/** An open incident of the tag-missing kind, optionally with a Slack/Teams message. */
export async function seedIncident(services: TestServices, fields: Partial<Incident> = {}): Promise<Incident> {
  const cluster = fields.cluster ?? CLUSTER;
  const image = fields.image ?? 'myacr.azurecr.io/app:v1.3';
  const incident: Incident = {
    id: incidentId(cluster, image, 'tag_not_found'),
    cluster,
    image,
    category: 'tag_not_found',
    status: 'open',
    pods: ['shop/web-7d9c5b8f6d-x2k8p'],
    namespaces: ['shop'],
    controllers: ['shop/Deployment/web'],
    firstSeen: '2026-11-25T21:30:12Z',
    lastSeen: '2026-11-25T21:41:47Z',
    eventCount: 9,
    sample: { cluster, image, namespace: 'shop', pod: 'web-7d9c5b8f6d-x2k8p', reason: 'ErrImagePull', message: `Failed to pull image "${image}": not found`, source: 'alert' },
    ...fields,
  };
  await services.incidents.update(cluster, incident.id, () => incident);
  return incident;
}

export function commandContext(services: CommandServices, actor: ChatActor, thread?: string): CommandContext & { replies: CommandReply[]; texts(): string } {
  const replies: CommandReply[] = [];
  return {
    actor,
    ...(thread ? { thread } : {}),
    services,
    replies,
    reply: async (message) => void replies.push(message),
    texts: () => replies.map((r) => (r.kind === 'text' ? r.text : `[diagnosis ${r.diagnosis.verdict.summary}]`)).join('\n'),
  };
}

import { createHttpHeaders, RestError, type PipelinePolicy, type PipelineRequest } from '@azure/core-rest-pipeline';
import type { ChatPort } from '../../lib/chat/chat-port';
import type { DiagnoseOptions, Diagnoser } from '../../lib/diagnosis/diagnoser';
import type { PullFailure } from '../../lib/model';
import type { JobQueue, PoisonMessage, QueueOptions } from '../../lib/queue/job-queue';
import type { QueueJob } from '../../lib/queue/diagnose-job';
import type { ScriptedResponse } from '../helpers/slack-api-server';
import { diagnosisFor } from '../intake/fakes';

/**
 * Fault injection for test/faults: one switch names the pipeline step and the fault, and each
 * step's real dependency fails the way that system fails on the wire — Table Storage answers 503 /
 * 429 / 400 or drops the connection (an HTTP pipeline policy on the real TableClient), Slack answers
 * through the local Slack Web API server's scripted responses, the queue and the engine throw the
 * errors their SDKs throw.
 */
export const STEPS = ['incident-write', 'enqueue', 'dequeue', 'diagnosis', 'chat-start', 'reference-save', 'chat-update', 'resolution'] as const;
export const FAULTS = ['throw', '5xx', '429', 'timeout', '4xx'] as const;
export const MODES = ['once', 'always'] as const;
export type Step = (typeof STEPS)[number];
export type Fault = (typeof FAULTS)[number];
export type Mode = (typeof MODES)[number];

export class FaultSwitch {
  fired = 0;
  armed = false;
  constructor(
    readonly step: Step,
    readonly fault: Fault,
    readonly mode: Mode,
  ) {}

  /** True when a call at `step` must fail now (and counts it). */
  hit(step: Step): boolean {
    if (!this.armed || step !== this.step || (this.mode === 'once' && this.fired > 0)) return false;
    this.fired++;
    return true;
  }
}

/** The error an Azure SDK call surfaces for each fault (after its own retries). */
export function sdkError(fault: Fault, request?: PipelineRequest): Error {
  switch (fault) {
    case 'throw':
      return new Error('injected: the process lost its connection');
    case '5xx':
      return new RestError('injected: ServerBusy', { statusCode: 503, code: 'ServerBusy', request });
    case '429':
      return new RestError('injected: throttled', { statusCode: 429, code: 'TooManyRequests', request });
    case 'timeout':
      return new RestError('injected: socket timed out', { code: 'REQUEST_SEND_ERROR', request });
    case '4xx':
      return new RestError('injected: {"odata.error":{"code":"PropertyValueTooLarge"}}', { statusCode: 400, code: 'PropertyValueTooLarge', request });
  }
}

/** Which incident-table request a step is: the incident's first write (create), or the write that stores the chat reference. */
function tableStep(request: PipelineRequest): Step | undefined {
  const body = typeof request.body === 'string' ? request.body : '';
  if (request.method === 'POST' && body.includes('"kind":"incident"')) return 'incident-write';
  if ((request.method === 'PUT' || request.method === 'PATCH' || (request.method as string) === 'MERGE') && body.includes('\\"chat\\":{')) return 'reference-save';
  return undefined;
}

/** A TableClient policy (per retry, so the SDK's own retry policy sees each injected answer). */
export function tableFaultPolicy(faults: () => FaultSwitch): PipelinePolicy {
  return {
    name: 'pull-doctor-test-table-faults',
    async sendRequest(request, next) {
      const step = tableStep(request);
      if (!step || !faults().hit(step)) return next(request);
      const fault = faults().fault;
      if (fault === 'throw' || fault === 'timeout') throw sdkError(fault, request);
      const status = fault === '5xx' ? 503 : fault === '429' ? 429 : 400;
      const code = fault === '5xx' ? 'ServerBusy' : fault === '429' ? 'TooManyRequests' : 'PropertyValueTooLarge';
      return {
        request,
        status,
        headers: createHttpHeaders({ 'content-type': 'application/json;odata=minimalmetadata', ...(status === 429 ? { 'retry-after-ms': '20' } : {}) }),
        bodyAsText: JSON.stringify({ 'odata.error': { code, message: { lang: 'en-US', value: `injected ${code}` } } }),
      };
    },
  };
}

/** The real Storage queue, failing sends at the `enqueue` step as the SDK would. */
export class FaultyQueue implements JobQueue {
  constructor(
    private readonly inner: JobQueue,
    private readonly faults: () => FaultSwitch,
  ) {}
  async enqueue(job: QueueJob, options?: QueueOptions): Promise<void> {
    if (this.faults().hit('enqueue')) throw sdkError(this.faults().fault);
    return this.inner.enqueue(job, options);
  }
  peekPoison(options?: QueueOptions): Promise<PoisonMessage[]> {
    return this.inner.peekPoison(options);
  }
}

/** The engine stand-in: a verdict (or "should work" once `passes`), failing at the `diagnosis` step. */
export class FaultyDiagnoser implements Diagnoser {
  runs = 0;
  passes = false;
  constructor(private readonly faults: () => FaultSwitch) {}
  async diagnose(failure: PullFailure, options: DiagnoseOptions = {}) {
    this.runs++;
    if (this.faults().hit('diagnosis')) {
      const fault = this.faults().fault;
      throw fault === '4xx' ? new RestError('injected: AuthorizationFailed', { statusCode: 403, code: 'AuthorizationFailed' }) : sdkError(fault);
    }
    for (let done = 1; done <= 3; done++) options.onProgress?.({ done, total: 3, running: [] });
    return diagnosisFor(failure, this.passes ? 'should_work' : 'cause_found');
  }
}

/**
 * The process dies right after the post succeeded and before the reference is saved: `start` posts
 * through the real adapter, then throws, so nothing after it in the job runs (no reference save, no
 * take-back). The first `crashes` posts crash.
 */
export class CrashAfterPost implements ChatPort {
  crashed = 0;
  readonly platform: ChatPort['platform'];
  constructor(
    private readonly inner: ChatPort,
    private crashes = 1,
  ) {
    this.platform = inner.platform;
    if (inner.find) this.find = (...args) => inner.find!(...args);
  }
  find?: ChatPort['find'];
  async start(...args: Parameters<ChatPort['start']>) {
    const ref = await this.inner.start(...args);
    if (this.crashes-- > 0) {
      this.crashed++;
      throw new Error('injected: the process died after the post, before saving its reference');
    }
    return ref;
  }
  progress = (...args: Parameters<ChatPort['progress']>) => this.inner.progress(...args);
  diagnosis = (...args: Parameters<ChatPort['diagnosis']>) => this.inner.diagnosis(...args);
  resolved = (...args: Parameters<ChatPort['resolved']>) => this.inner.resolved(...args);
  reply = (...args: Parameters<ChatPort['reply']>) => this.inner.reply(...args);
  unfinished = (...args: Parameters<ChatPort['unfinished']>) => this.inner.unfinished(...args);
  withdraw = (...args: Parameters<ChatPort['withdraw']>) => this.inner.withdraw(...args);
}

/** The Slack Web API's answer for each fault. */
export function slackAnswer(fault: Fault): ScriptedResponse {
  switch (fault) {
    case 'throw':
      return { kind: 'hang', ms: 0 };
    case '5xx':
      return { kind: 'http_error', status: 503 };
    case '429':
      return { kind: 'rate_limited', retryAfterSeconds: 1 };
    case 'timeout':
      // The gateway gives up: no answer for 300 ms, then the connection drops (the request was not processed).
      return { kind: 'hang', ms: 300 };
    case '4xx':
      return { kind: 'platform_error', error: 'channel_not_found' };
  }
}

export const FAULT_CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';
export const FAULT_IMAGE = 'pdacr.azurecr.io/shop/web:v1.2';
export const FAULT_MESSAGE = `Failed to pull image "${FAULT_IMAGE}": rpc error: code = NotFound desc = failed to pull and unpack image "${FAULT_IMAGE}": failed to resolve reference "${FAULT_IMAGE}": ${FAULT_IMAGE}: not found`;

/** A kubelet `Failed` event for FAULT_IMAGE as the forwarder sends it (CloudEvents envelope). */
export function k8sPullEvent(id: string, fields: { pod?: string; owner?: string; at?: string; message?: string } = {}) {
  const at = fields.at ?? '2026-11-25T21:00:00Z';
  return {
    specversion: '1.0',
    id,
    source: FAULT_CLUSTER,
    type: 'PullDoctor.Kubernetes.Event',
    time: at,
    data: {
      cluster: FAULT_CLUSTER,
      type: 'Warning',
      reason: 'Failed',
      message: fields.message ?? FAULT_MESSAGE,
      count: '1',
      firstTimestamp: at,
      lastTimestamp: at,
      source: { component: 'kubelet', host: 'aks-nodepool1-12345678-vmss000000' },
      involvedObject: { kind: 'Pod', namespace: 'shop', name: fields.pod ?? 'web-7d9c8b6f5-x1', fieldPath: 'spec.containers{web}', ownerReferences: [{ kind: 'ReplicaSet', name: fields.owner ?? 'web-7d9c8b6f5' }] },
    },
  };
}

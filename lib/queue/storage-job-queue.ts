import { QueueClient } from '@azure/storage-queue';
import type { TokenCredential } from '@azure/core-auth';
import { isContainerNotFound } from '../incidents/storage-errors';
import { encodeJobMessage, type QueueJob } from './diagnose-job';
import { poisonBody, type JobQueue, type PoisonMessage, type QueueOptions } from './job-queue';

/** A connection string (keys, Azurite), or the Queue service endpoint reached with an Entra credential. */
export type QueueConnection = { connectionString: string } | { endpoint: string; credential: TokenCredential };

/**
 * `@azure/storage-queue`, messages base64-encoded (the Functions queue trigger decodes base64 by default).
 * The queue is created by the first send that finds it missing (404 QueueNotFound), not before every
 * process's first send: in Azure the Bicep creates it, and a create-if-missing call would be one more
 * round trip in the first request after a cold start (issue 16).
 */
export class StorageJobQueue implements JobQueue {
  private ready: Promise<unknown> | undefined;
  /** Messages sent, for the benchmark. */
  sent = 0;

  private poisonClient: QueueClient | undefined;

  /** `poison`: the queue the Functions host moves a job to after its last attempt, made on first use (only `pull-doctor jobs` reads it). */
  constructor(
    readonly queue: QueueClient,
    private readonly makePoison: () => QueueClient,
  ) {}

  get poison(): QueueClient {
    this.poisonClient ??= this.makePoison();
    return this.poisonClient;
  }

  /** QueueClient only (not QueueServiceClient, whose code the bundle then leaves out of the queue's chunk). */
  static create(connection: QueueConnection, queueName: string): StorageJobQueue {
    const client = (name: string) =>
      'connectionString' in connection ? new QueueClient(connection.connectionString, name) : new QueueClient(`${connection.endpoint.replace(/\/+$/, '')}/${name}`, connection.credential);
    return new StorageJobQueue(client(queueName), () => client(`${queueName}-poison`));
  }

  /** Creates the queue if needed (once per process; a send that finds no queue calls it). */
  prepare(options?: QueueOptions): Promise<unknown> {
    this.ready ??= this.queue.createIfNotExists({ abortSignal: options?.signal }).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  async enqueue(job: QueueJob, options?: QueueOptions): Promise<void> {
    const message = encodeJobMessage(job);
    const send = () => this.queue.sendMessage(message, { abortSignal: options?.signal, ...(options?.delaySeconds ? { visibilityTimeout: Math.min(Math.ceil(options.delaySeconds), 7 * 24 * 3600) } : {}) });
    try {
      await send();
    } catch (error) {
      if (!isContainerNotFound(error, 'QueueNotFound')) throw error;
      await this.prepare(options);
      await send();
    }
    this.sent++;
  }

  async peekPoison(options?: QueueOptions): Promise<PoisonMessage[]> {
    if (!(await this.poison.exists({ abortSignal: options?.signal }))) return [];
    const peeked = await this.poison.peekMessages({ numberOfMessages: 32, abortSignal: options?.signal });
    return peeked.peekedMessageItems.map((m) => ({ messageId: m.messageId, insertedOn: m.insertedOn?.toISOString(), ...poisonBody(m.messageText) }));
  }
}

import { QueueClient, QueueServiceClient } from '@azure/storage-queue';
import type { TokenCredential } from '@azure/core-auth';
import { encodeJobMessage, type QueueJob } from './diagnose-job';
import { poisonBody, type JobQueue, type PoisonMessage, type QueueOptions } from './job-queue';

/** A connection string (keys, Azurite), or the Queue service endpoint reached with an Entra credential. */
export type QueueConnection = { connectionString: string } | { endpoint: string; credential: TokenCredential };

/** `@azure/storage-queue`, messages base64-encoded (the Functions queue trigger decodes base64 by default). */
export class StorageJobQueue implements JobQueue {
  private ready: Promise<unknown> | undefined;
  /** Messages sent, for the benchmark. */
  sent = 0;

  constructor(
    readonly queue: QueueClient,
    readonly poison: QueueClient,
  ) {}

  static create(connection: QueueConnection, queueName: string): StorageJobQueue {
    const service =
      'connectionString' in connection
        ? QueueServiceClient.fromConnectionString(connection.connectionString)
        : new QueueServiceClient(connection.endpoint, connection.credential);
    return new StorageJobQueue(service.getQueueClient(queueName), service.getQueueClient(`${queueName}-poison`));
  }

  /** Creates the queue if needed (once per process; the first enqueue waits for it anyway). */
  prepare(options?: QueueOptions): Promise<unknown> {
    this.ready ??= this.queue.createIfNotExists({ abortSignal: options?.signal }).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  async enqueue(job: QueueJob, options?: QueueOptions): Promise<void> {
    await this.prepare(options);
    await this.queue.sendMessage(encodeJobMessage(job), { abortSignal: options?.signal, ...(options?.delaySeconds ? { visibilityTimeout: Math.min(Math.ceil(options.delaySeconds), 7 * 24 * 3600) } : {}) });
    this.sent++;
  }

  async peekPoison(options?: QueueOptions): Promise<PoisonMessage[]> {
    if (!(await this.poison.exists({ abortSignal: options?.signal }))) return [];
    const peeked = await this.poison.peekMessages({ numberOfMessages: 32, abortSignal: options?.signal });
    return peeked.peekedMessageItems.map((m) => ({ messageId: m.messageId, insertedOn: m.insertedOn?.toISOString(), ...poisonBody(m.messageText) }));
  }
}

import { createHash, randomUUID } from 'node:crypto';
import type { SQSEvent, SQSBatchResponse } from 'aws-lambda';
import { AwsServiceError, type AwsJsonService } from './aws-protocol';

export interface LocalQueueConfig {
  name: string;
  maxReceiveCount: number;
  visibilityTimeoutMs: number;
  /** The function of its event-source mapping, if any. */
  consumer?: { target: string; batchSize: number; maxBatchingWindowMs: number; maxConcurrency: number };
}

interface StoredMessage {
  messageId: string;
  body: string;
  md5: string;
  attributes: Record<string, unknown>;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  receiptHandle?: string;
}

interface Queue {
  config: LocalQueueConfig;
  url: string;
  arn: string;
  messages: StoredMessage[];
  deadLetters: StoredMessage[];
  /** Batches being handled by the consumer now (at most its maxConcurrency). */
  batchesInFlight: number;
}

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * SQS on a laptop: SendMessage and SendMessageBatch over AWS JSON 1.0, and an event-source mapping per
 * consumer with batch size, batching window, visibility timeout, ReportBatchItemFailures and redrive to
 * the queue's dead-letter queue after maxReceiveCount receives.
 */
export class LocalSqs implements AwsJsonService {
  readonly targetPrefix = 'AmazonSQS';
  readonly contentType = 'application/x-amz-json-1.0';
  private readonly queues = new Map<string, Queue>();
  private timer: NodeJS.Timeout | undefined;
  private active = new Set<Promise<void>>();

  constructor(
    baseUrl: string,
    configs: LocalQueueConfig[],
    private readonly invoke: (target: string, event: SQSEvent) => Promise<unknown>,
    private readonly pollIntervalMs = 50,
  ) {
    for (const config of configs) {
      this.queues.set(config.name, {
        config,
        url: `${baseUrl}/000000000000/${config.name}`,
        arn: `arn:aws:sqs:us-east-1:000000000000:${config.name}`,
        messages: [],
        deadLetters: [],
        batchesInFlight: 0,
      });
    }
  }

  queueUrl(name: string): string {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`No local queue ${name}`);
    return queue.url;
  }

  deadLetterQueueAddress(name: string) {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`No local queue ${name}`);
    return { url: `${queue.url}-dlq`, arn: `${queue.arn}-dlq` };
  }

  start() {
    this.timer ??= setInterval(() => this.pollAll(), this.pollIntervalMs);
  }

  async stop() {
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.active]);
  }

  /** A queue's dead-letter queue is addressed as `<queue>-dlq`, by URL or ARN. */
  private deadLetterQueueOf(address: unknown): Queue | undefined {
    const name = typeof address === 'string' ? address.split(/[/:]/).pop() : undefined;
    return name?.endsWith('-dlq') ? this.queues.get(name.slice(0, -'-dlq'.length)) : undefined;
  }

  private byUrl(url: unknown): Queue {
    const name = typeof url === 'string' ? url.split('/').pop() : undefined;
    const queue = name ? this.queues.get(name) : undefined;
    if (!queue)
      throw new AwsServiceError(
        'AWS.SimpleQueueService.NonExistentQueue',
        'The specified queue does not exist.',
      );
    return queue;
  }

  handle(action: string, body: Record<string, unknown>) {
    switch (action) {
      case 'SendMessage': {
        const queue = this.byUrl(body.QueueUrl);
        const message = this.enqueue(queue, body);
        return { MessageId: message.messageId, MD5OfMessageBody: message.md5 };
      }
      case 'SendMessageBatch': {
        const queue = this.byUrl(body.QueueUrl);
        const entries = (body.Entries ?? []) as Record<string, unknown>[];
        if (entries.length === 0 || entries.length > 10) {
          throw new AwsServiceError(
            'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
            'Send 1 to 10 entries.',
          );
        }
        const ids = new Set(entries.map((entry) => entry.Id));
        if (ids.size !== entries.length) {
          throw new AwsServiceError(
            'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
            'Entry ids must be distinct.',
          );
        }
        const Successful = entries.map((entry) => {
          const message = this.enqueue(queue, entry);
          return { Id: entry.Id, MessageId: message.messageId, MD5OfMessageBody: message.md5 };
        });
        return { Successful, Failed: [] };
      }
      case 'ReceiveMessage': {
        // Only dead-letter queues are read by handlers (staff inspect them); work queues have mappings.
        const queue = this.deadLetterQueueOf(body.QueueUrl);
        if (!queue)
          throw new AwsServiceError(
            'UnsupportedOperation',
            'ReceiveMessage is emulated for dead-letter queues only',
          );
        const max = Math.min(10, Number(body.MaxNumberOfMessages ?? 1));
        return {
          Messages: queue.deadLetters.slice(0, max).map((message) => ({
            MessageId: message.messageId,
            ReceiptHandle: message.messageId,
            Body: message.body,
            MD5OfBody: message.md5,
            Attributes: {
              ApproximateReceiveCount: String(message.receiveCount),
              SentTimestamp: String(message.sentAt),
            },
          })),
        };
      }
      case 'StartMessageMoveTask': {
        const queue = this.deadLetterQueueOf(body.SourceArn);
        if (!queue) throw new AwsServiceError('ResourceNotFoundException', 'No such dead-letter queue.');
        const moved = queue.deadLetters.splice(0);
        for (const message of moved)
          queue.messages.push({ ...message, receiveCount: 0, visibleAt: Date.now() });
        return { TaskHandle: `move-${moved.length}-${Date.now()}` };
      }
      case 'GetQueueUrl': {
        const queue = this.queues.get(String(body.QueueName));
        if (!queue)
          throw new AwsServiceError(
            'AWS.SimpleQueueService.NonExistentQueue',
            'The specified queue does not exist.',
          );
        return { QueueUrl: queue.url };
      }
      default:
        throw new AwsServiceError('UnsupportedOperation', `${action} is not emulated`);
    }
  }

  private enqueue(queue: Queue, entry: Record<string, unknown>): StoredMessage {
    const body = entry.MessageBody;
    if (typeof body !== 'string' || body.length === 0)
      throw new AwsServiceError('MissingParameter', 'MessageBody is required.');
    if (Buffer.byteLength(body) > MAX_MESSAGE_BYTES)
      throw new AwsServiceError('InvalidParameterValue', 'Message is too long.');
    const now = Date.now();
    const message: StoredMessage = {
      messageId: randomUUID(),
      body,
      md5: md5(body),
      attributes: (entry.MessageAttributes as Record<string, unknown>) ?? {},
      sentAt: now,
      visibleAt: now + Number(entry.DelaySeconds ?? 0) * 1000,
      receiveCount: 0,
    };
    queue.messages.push(message);
    return message;
  }

  /** Starts batches while messages are visible, up to the consumer's maximum concurrency, like Lambda's pollers. */
  private pollAll() {
    for (const queue of this.queues.values()) {
      const consumer = queue.config.consumer;
      if (!consumer) continue;
      while (queue.batchesInFlight < consumer.maxConcurrency) {
        const now = Date.now();
        const visible = queue.messages.filter((message) => message.visibleAt <= now);
        if (visible.length === 0) break;
        const oldest = Math.min(...visible.map((message) => message.sentAt));
        if (visible.length < consumer.batchSize && now - oldest < consumer.maxBatchingWindowMs) break;
        queue.batchesInFlight++;
        const run = this.receiveBatch(queue).finally(() => queue.batchesInFlight--);
        this.active.add(run);
        void run.finally(() => this.active.delete(run));
      }
    }
  }

  private async receiveBatch(queue: Queue) {
    const consumer = queue.config.consumer!;
    const now = Date.now();
    const batch: StoredMessage[] = [];
    for (const message of queue.messages) {
      if (batch.length >= consumer.batchSize) break;
      if (message.visibleAt > now) continue;
      if (message.receiveCount >= queue.config.maxReceiveCount) {
        this.moveToDeadLetters(queue, message);
        continue;
      }
      message.receiveCount++;
      message.receiptHandle = randomUUID();
      // Invisible while the function works on it: in the cloud the visibility timeout is at least six
      // times the function's timeout (CDK sets it so), so a batch in progress is never handed out again.
      message.visibleAt = Number.POSITIVE_INFINITY;
      batch.push(message);
    }
    if (batch.length === 0) return;
    const event: SQSEvent = {
      Records: batch.map((message) => ({
        messageId: message.messageId,
        receiptHandle: message.receiptHandle!,
        body: message.body,
        attributes: {
          ApproximateReceiveCount: String(message.receiveCount),
          SentTimestamp: String(message.sentAt),
          SenderId: 'local',
          ApproximateFirstReceiveTimestamp: String(now),
        },
        messageAttributes: message.attributes as SQSEvent['Records'][number]['messageAttributes'],
        md5OfBody: message.md5,
        eventSource: 'aws:sqs',
        eventSourceARN: queue.arn,
        awsRegion: 'us-east-1',
      })),
    };
    let failedIds: Set<string>;
    try {
      const response = (await this.invoke(consumer.target, event)) as SQSBatchResponse | undefined;
      failedIds = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    } catch {
      failedIds = new Set(batch.map((message) => message.messageId));
    }
    // Successes are deleted; failures stay invisible for the visibility timeout, then come back.
    const retryAt = Date.now() + queue.config.visibilityTimeoutMs;
    for (const message of batch) if (failedIds.has(message.messageId)) message.visibleAt = retryAt;
    queue.messages = queue.messages.filter(
      (message) => !batch.includes(message) || failedIds.has(message.messageId),
    );
  }

  private moveToDeadLetters(queue: Queue, message: StoredMessage) {
    queue.messages = queue.messages.filter((candidate) => candidate !== message);
    queue.deadLetters.push(message);
  }

  snapshot() {
    return [...this.queues.values()].map((queue) => ({
      name: queue.config.name,
      url: queue.url,
      consumer: queue.config.consumer?.target ?? null,
      messages: queue.messages.length,
      inFlight: queue.messages.filter((message) => message.visibleAt > Date.now() && message.receiveCount > 0)
        .length,
      deadLetters: queue.deadLetters.map((message) => ({
        messageId: message.messageId,
        body: message.body,
        receiveCount: message.receiveCount,
      })),
    }));
  }

  /**
   * Resolves when no queue with a consumer holds messages (dead letters aside) or the time is up; with
   * `consumer`, only the queues that function consumes count (a message stays on its queue until its
   * batch is done).
   */
  async drained(timeoutMs = 10_000, consumer?: string) {
    const deadline = Date.now() + timeoutMs;
    const watched = [...this.queues.values()].filter(
      (queue) =>
        queue.config.consumer && (consumer === undefined || queue.config.consumer.target === consumer),
    );
    while (Date.now() < deadline) {
      const busy = watched.some((queue) => queue.messages.length > 0);
      if (!busy && (consumer !== undefined || this.active.size === 0)) return true;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return false;
  }
}

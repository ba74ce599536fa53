import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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

/** What a state file keeps of a queue: its messages and dead letters, as they stood. */
interface SavedQueue {
  messages: StoredMessage[];
  deadLetters: StoredMessage[];
}

/** How long a dead letter read by a handler stays hidden when the reader names no visibility timeout. */
const DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;
const SAVE_DELAY_MS = 100;

type SqsMessageAttributes = SQSEvent['Records'][number]['messageAttributes'];

/**
 * Message attributes as Lambda's SQS event gives them (`stringValue`, `dataType`), from those sent
 * as `SendMessage` takes them (`StringValue`, `DataType`): a consumer reads its correlation id there.
 */
function lambdaMessageAttributes(sent: Record<string, unknown>): SqsMessageAttributes {
  return Object.fromEntries(
    Object.entries(sent).map(([name, value]) => {
      const attribute = value as { DataType?: string; StringValue?: string; BinaryValue?: string };
      return [
        name,
        {
          dataType: attribute.DataType ?? 'String',
          ...(attribute.StringValue === undefined ? {} : { stringValue: attribute.StringValue }),
          ...(attribute.BinaryValue === undefined ? {} : { binaryValue: attribute.BinaryValue }),
          stringListValues: [],
          binaryListValues: [],
        },
      ];
    }),
  );
}

/**
 * SQS on a laptop: SendMessage and SendMessageBatch over AWS JSON 1.0, and an event-source mapping per
 * consumer with batch size, batching window, visibility timeout, ReportBatchItemFailures and redrive to
 * the queue's dead-letter queue after maxReceiveCount receives. Dead-letter queues are read as handlers
 * read them (ReceiveMessage with a visibility timeout, ChangeMessageVisibilityBatch, DeleteMessage) and
 * moved back whole (StartMessageMoveTask). With a state file, messages and dead letters outlive a restart.
 */
export class LocalSqs implements AwsJsonService {
  readonly targetPrefix = 'AmazonSQS';
  readonly contentType = 'application/x-amz-json-1.0';
  private readonly queues = new Map<string, Queue>();
  private timer: NodeJS.Timeout | undefined;
  private saveTimer: NodeJS.Timeout | undefined;
  private active = new Set<Promise<void>>();

  constructor(
    baseUrl: string,
    configs: LocalQueueConfig[],
    private readonly invoke: (target: string, event: SQSEvent) => Promise<unknown>,
    private readonly options: { pollIntervalMs?: number; stateFile?: string } = {},
  ) {
    const saved = this.readState();
    const now = Date.now();
    // A message in flight when the cloud stopped is visible again, as when its visibility timeout ends.
    const restored = (messages: StoredMessage[] = []) =>
      messages.map((message) => ({ ...message, visibleAt: Math.min(message.visibleAt ?? now, now) }));
    for (const config of configs) {
      this.queues.set(config.name, {
        config,
        url: `${baseUrl}/000000000000/${config.name}`,
        arn: `arn:aws:sqs:us-east-1:000000000000:${config.name}`,
        messages: restored(saved[config.name]?.messages),
        deadLetters: restored(saved[config.name]?.deadLetters),
        batchesInFlight: 0,
      });
    }
  }

  private readState(): Record<string, SavedQueue> {
    const file = this.options.stateFile;
    if (!file || !existsSync(file)) return {};
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, SavedQueue>;
  }

  /** Writes the queues' state soon (changes come in bursts), or at once; a no-op without a state file. */
  private saveState(now = false) {
    const file = this.options.stateFile;
    if (!file) return;
    if (!now) {
      this.saveTimer ??= setTimeout(() => this.saveState(true), SAVE_DELAY_MS);
      return;
    }
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const state = Object.fromEntries(
      [...this.queues.values()].map((queue) => [
        queue.config.name,
        { messages: queue.messages, deadLetters: queue.deadLetters } satisfies SavedQueue,
      ]),
    );
    // Infinity (in flight) is not JSON: it is written as null and read back as visible.
    writeFileSync(`${file}.tmp`, JSON.stringify(state));
    renameSync(`${file}.tmp`, file);
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
    this.timer ??= setInterval(() => this.pollAll(), this.options.pollIntervalMs ?? 50);
  }

  async stop() {
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.active]);
    this.saveState(true);
  }

  /** A queue's dead-letter queue is addressed as `<queue>-dlq`, by URL or ARN. */
  private deadLetterQueueOf(address: unknown): Queue | undefined {
    const name = typeof address === 'string' ? address.split(/[/:]/).pop() : undefined;
    return name?.endsWith('-dlq') ? this.queues.get(name.slice(0, -'-dlq'.length)) : undefined;
  }

  private deadLetterQueueOrThrow(url: unknown): Queue {
    const queue = this.deadLetterQueueOf(url);
    if (!queue) throw new AwsServiceError('UnsupportedOperation', 'Emulated for dead-letter queues only');
    return queue;
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
    const answer = this.answer(action, body);
    if (action !== 'GetQueueUrl' && action !== 'GetQueueAttributes') this.saveState();
    return answer;
  }

  private answer(action: string, body: Record<string, unknown>) {
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
        const hiddenFor = Number(body.VisibilityTimeout ?? DEFAULT_VISIBILITY_TIMEOUT_SECONDS) * 1000;
        const now = Date.now();
        const received = queue.deadLetters.filter((message) => message.visibleAt <= now).slice(0, max);
        for (const message of received) {
          message.visibleAt = now + hiddenFor;
          message.receiptHandle = randomUUID();
        }
        return {
          Messages: received.map((message) => ({
            MessageId: message.messageId,
            ReceiptHandle: message.receiptHandle,
            Body: message.body,
            MD5OfBody: message.md5,
            Attributes: {
              ApproximateReceiveCount: String(message.receiveCount),
              SentTimestamp: String(message.sentAt),
            },
            MessageAttributes: message.attributes,
          })),
        };
      }
      case 'ChangeMessageVisibilityBatch': {
        const queue = this.deadLetterQueueOrThrow(body.QueueUrl);
        const entries = (body.Entries ?? []) as {
          Id: string;
          ReceiptHandle: string;
          VisibilityTimeout: number;
        }[];
        const Successful = [];
        const Failed = [];
        for (const entry of entries) {
          const message = queue.deadLetters.find(
            (candidate) => candidate.receiptHandle === entry.ReceiptHandle,
          );
          if (!message) {
            Failed.push({ Id: entry.Id, Code: 'ReceiptHandleIsInvalid', SenderFault: true });
            continue;
          }
          message.visibleAt = Date.now() + Number(entry.VisibilityTimeout) * 1000;
          Successful.push({ Id: entry.Id });
        }
        return { Successful, Failed };
      }
      case 'DeleteMessage': {
        const queue = this.deadLetterQueueOrThrow(body.QueueUrl);
        const index = queue.deadLetters.findIndex((message) => message.receiptHandle === body.ReceiptHandle);
        if (index < 0)
          throw new AwsServiceError('ReceiptHandleIsInvalid', 'The receipt handle is not valid.');
        queue.deadLetters.splice(index, 1);
        return {};
      }
      case 'GetQueueAttributes': {
        const deadLetters = this.deadLetterQueueOf(body.QueueUrl);
        const messages = deadLetters ? deadLetters.deadLetters : this.byUrl(body.QueueUrl).messages;
        const now = Date.now();
        return {
          Attributes: {
            ApproximateNumberOfMessages: String(
              messages.filter((message) => message.visibleAt <= now).length,
            ),
            ApproximateNumberOfMessagesNotVisible: String(
              messages.filter((message) => message.visibleAt > now).length,
            ),
          },
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
        messageAttributes: lambdaMessageAttributes(message.attributes),
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
    this.saveState();
  }

  private moveToDeadLetters(queue: Queue, message: StoredMessage) {
    queue.messages = queue.messages.filter((candidate) => candidate !== message);
    queue.deadLetters.push({ ...message, visibleAt: Date.now(), receiptHandle: undefined });
    this.saveState();
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

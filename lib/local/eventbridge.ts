import { randomUUID } from 'node:crypto';
import { AwsServiceError, type AwsJsonService } from './aws-protocol';
import { assertSupportedPattern, matchesPattern, type EventPattern } from './event-pattern';

export interface LocalRule {
  name: string;
  pattern: EventPattern;
  /** The function the rule targets. */
  target: string;
}

export interface PublishedEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}

export interface Delivery {
  eventId: string;
  detailType: string;
  rule: string;
  target: string;
  status: 'in-flight' | 'delivered' | 'dead-lettered';
  attempts: number;
  lastError?: string;
}

export interface DeadLetter {
  rule: string;
  target: string;
  event: PublishedEvent;
  attempts: number;
  error: string;
  deadLetteredAt: string;
}

export interface EventBridgeOptions {
  busName: string;
  rules: LocalRule[];
  invoke: (target: string, event: PublishedEvent) => Promise<unknown>;
  /** Attempts after the first failed one, as the rule target's retry policy. */
  retryAttempts: number;
  retryBaseDelayMs: number;
  onDeadLetter?: (letter: DeadLetter) => void;
  /** Every event the bus accepted, as it is accepted (the event archive's Firehose target). */
  onAccepted?: (event: PublishedEvent) => void;
}

const MAX_ENTRIES = 10;
const MAX_ENTRY_BYTES = 1024 * 1024;
const RECENT_LIMIT = 2000;

/**
 * EventBridge on a laptop: `PutEvents` over the AWS JSON 1.1 protocol, rules matched from the manifest,
 * asynchronous delivery with retries, then a dead-letter queue per rule target.
 */
export class LocalEventBridge implements AwsJsonService {
  readonly targetPrefix = 'AWSEvents';
  readonly contentType = 'application/x-amz-json-1.1';
  readonly events: PublishedEvent[] = [];
  readonly deliveries: Delivery[] = [];
  readonly deadLetters: DeadLetter[] = [];
  private inFlight = new Set<Promise<void>>();

  constructor(private readonly options: EventBridgeOptions) {
    for (const rule of options.rules) {
      try {
        assertSupportedPattern(rule.pattern);
      } catch (error) {
        throw new Error(`Rule ${rule.name}: ${(error as Error).message}`, { cause: error });
      }
    }
  }

  handle(action: string, body: unknown) {
    if (action !== 'PutEvents')
      throw new AwsServiceError('UnknownOperationException', `${action} is not emulated`);
    return this.putEvents(body as { Entries?: Record<string, unknown>[] });
  }

  putEvents(request: { Entries?: Record<string, unknown>[] }) {
    const entries = request.Entries ?? [];
    if (entries.length === 0 || entries.length > MAX_ENTRIES) {
      throw new AwsServiceError('ValidationException', `Entries must hold 1 to ${MAX_ENTRIES} events`);
    }
    const results = entries.map((entry) => this.acceptEntry(entry));
    return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
  }

  private acceptEntry(
    entry: Record<string, unknown>,
  ): { EventId: string } | { ErrorCode: string; ErrorMessage: string } {
    const busName = entry.EventBusName ?? 'default';
    if (busName !== this.options.busName && !String(busName).endsWith(`/${this.options.busName}`)) {
      return {
        ErrorCode: 'ResourceNotFoundException',
        ErrorMessage: `Event bus ${String(busName)} does not exist.`,
      };
    }
    if (
      typeof entry.Source !== 'string' ||
      typeof entry.DetailType !== 'string' ||
      typeof entry.Detail !== 'string'
    ) {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Source, DetailType and Detail are required.' };
    }
    if (Buffer.byteLength(JSON.stringify(entry)) > MAX_ENTRY_BYTES) {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Entry is larger than 1 MB.' };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not valid JSON.' };
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail must be a JSON object.' };
    }
    const time = typeof entry.Time === 'number' ? new Date(entry.Time * 1000) : new Date();
    const event: PublishedEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: '000000000000',
      time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: 'us-east-1',
      resources: Array.isArray(entry.Resources) ? (entry.Resources as string[]) : [],
      detail,
    };
    this.record(event);
    return { EventId: event.id };
  }

  private record(event: PublishedEvent) {
    try {
      this.options.onAccepted?.(event);
    } catch (error) {
      // Archiving is a rule target of its own in the cloud: its failure never fails the publisher.
      console.error(
        `[eventbridge] an accepted event's onAccepted hook failed (${event['detail-type']}):`,
        error,
      );
    }
    this.events.push(event);
    if (this.events.length > RECENT_LIMIT) this.events.shift();
    for (const rule of this.options.rules) {
      if (matchesPattern(rule.pattern, event)) this.track(this.deliver(rule, event));
    }
  }

  private track(delivery: Promise<void>) {
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  private async deliver(rule: LocalRule, event: PublishedEvent) {
    const delivery: Delivery = {
      eventId: event.id,
      detailType: event['detail-type'],
      rule: rule.name,
      target: rule.target,
      status: 'in-flight',
      attempts: 0,
    };
    this.deliveries.push(delivery);
    if (this.deliveries.length > RECENT_LIMIT) this.deliveries.shift();
    await new Promise((resolve) => setImmediate(resolve));
    for (;;) {
      delivery.attempts++;
      try {
        await this.options.invoke(rule.target, event);
        delivery.status = 'delivered';
        return;
      } catch (error) {
        delivery.lastError = (error as Error).message;
        if (delivery.attempts > this.options.retryAttempts) break;
        await new Promise((resolve) =>
          setTimeout(resolve, this.options.retryBaseDelayMs * 2 ** (delivery.attempts - 1)),
        );
      }
    }
    delivery.status = 'dead-lettered';
    const letter: DeadLetter = {
      rule: rule.name,
      target: rule.target,
      event,
      attempts: delivery.attempts,
      error: delivery.lastError ?? 'unknown',
      deadLetteredAt: new Date().toISOString(),
    };
    this.deadLetters.push(letter);
    this.options.onDeadLetter?.(letter);
  }

  /** Resolves when every delivery under way, retries included, has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}

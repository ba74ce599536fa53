import type { TestProject } from 'vitest/node';
import { startLocalCloud } from '../../lib/local/cloud';

declare module 'vitest' {
  export interface ProvidedContext {
    cloudUrl: string;
    cloudDynamoEndpoint: string;
  }
}

/** Events the end-to-end tests send to be dead-lettered on purpose carry this prefix in their id. */
export const DELIBERATE_POISON_PREFIX = 'poison-';

/** The event id of an EventBridge event held in a queue message's body; empty for anything else. */
function bufferedEventIdOf(body: string): string {
  try {
    const event = JSON.parse(body) as { detail?: { metadata?: { eventId?: unknown } } };
    const eventId = event.detail?.metadata?.eventId;
    return typeof eventId === 'string' ? eventId : '';
  } catch {
    return '';
  }
}

/**
 * One local cloud, in memory on a free port, for every end-to-end test file; they talk to it over HTTP.
 * When they are done, every delivery must have succeeded but the poison they sent on purpose: a dead
 * letter nobody meant is a lost point, award or message.
 */
export default async function setup(project: TestProject) {
  // The expiry tests have a till upload a sale a year old, so the window for late sales is longer here.
  process.env.POS_LATE_SALE_DAYS = '400';
  const cloud = await startLocalCloud({
    port: 0,
    data: 'memory',
    logLevel: 'SILENT',
    eventRetryBaseDelayMs: 50,
    queueVisibilityTimeoutMs: 500,
    adminPassword: 'e2e-admin-password',
  });
  project.provide('cloudUrl', cloud.url);
  project.provide('cloudDynamoEndpoint', cloud.dynamoEndpoint);
  return async () => {
    await cloud.eventBridge.idle();
    const events = cloud.eventBridge.deadLetters.map((letter) => ({
      target: letter.target,
      type: letter.event['detail-type'],
      eventId: (letter.event.detail as { metadata?: { eventId?: string } }).metadata?.eventId ?? '',
      error: letter.error,
    }));
    // An event consumed in batches is dead-lettered in its buffer queue, the event whole as the body.
    const queued = cloud.sqs.snapshot().flatMap((queue) =>
      queue.deadLetters.map((letter) => ({
        queue: queue.name,
        eventId: bufferedEventIdOf(letter.body),
        body: letter.body.slice(0, 200),
      })),
    );
    const unexpected = [...events, ...queued].filter(
      (letter) => !letter.eventId.startsWith(DELIBERATE_POISON_PREFIX),
    );
    console.log(
      `end-to-end run: ${events.length + queued.length} dead-lettered deliveries left, ${unexpected.length} unexpected`,
    );
    await cloud.stop();
    if (unexpected.length > 0)
      throw new Error(
        `Deliveries dead-lettered by the end-to-end run: ${JSON.stringify(unexpected, null, 2)}`,
      );
  };
}

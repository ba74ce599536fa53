// Log lines keep their own context when work runs at once: a batch's records, and local invocations of
// different functions sharing one process.
import type { SQSEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from '../../lib/zod';
import type { FunctionDeclaration } from '../../lib/manifest/types';
import { logger } from '../../lib/observability';
import { queueHandler } from '../../lib/queues/handler';
import { lambdaContext } from '../support/lambda';

// Failures are remembered in DynamoDB, which unit tests do not reach: here they are remembered at once.
vi.mock('../../lib/queues/failures', () => ({ recordDeliveryFailure: vi.fn(async () => undefined) }));

let lines: Record<string, unknown>[] = [];

beforeEach(() => {
  lines = [];
  logger.setLogLevel('INFO');
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n').filter(Boolean))
      lines.push(JSON.parse(line) as Record<string, unknown>);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  logger.setLogLevel('SILENT');
});

const sqsEvent = (records: { id: string; body: unknown; correlationId: string }[]): SQSEvent => ({
  Records: records.map((record) => ({
    messageId: record.id,
    receiptHandle: `rh-${record.id}`,
    body: JSON.stringify(record.body),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 'test',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: { correlationId: { stringValue: record.correlationId, dataType: 'String' } },
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:pos',
    awsRegion: 'us-east-1',
  })),
});

const waitingMessage = z.object({ label: z.string(), waitMs: z.int(), member: z.string() });

describe('a queue batch', () => {
  it("logs each record's line with its own correlation and message id, though the records run at once", async () => {
    const handler = queueHandler('pos', waitingMessage, async (message) => {
      await new Promise((resolve) => setTimeout(resolve, message.waitMs));
      logger.info('handled', { label: message.label });
    });
    const response = await handler(
      sqsEvent([
        { id: 'm-slow', body: { label: 'slow', waitMs: 30, member: 'a' }, correlationId: 'c-slow' },
        { id: 'm-fast', body: { label: 'fast', waitMs: 1, member: 'b' }, correlationId: 'c-fast' },
      ]),
      lambdaContext(),
    );
    expect(response).toEqual({ batchItemFailures: [] });
    const handled = lines.filter((line) => line.message === 'handled');
    expect(handled.map((line) => [line.label, line.correlationId, line.messageId])).toEqual([
      ['fast', 'c-fast', 'm-fast'],
      ['slow', 'c-slow', 'm-slow'],
    ]);
  });

  it("handles one member's records one after another, in the batch's order, and others at once", async () => {
    const finished: string[] = [];
    const handler = queueHandler(
      'pos',
      waitingMessage,
      async (message) => {
        await new Promise((resolve) => setTimeout(resolve, message.waitMs));
        finished.push(message.label);
      },
      { orderKey: (message) => message.member },
    );
    await handler(
      sqsEvent([
        { id: '1', body: { label: 'a-first', waitMs: 30, member: 'a' }, correlationId: 'c' },
        { id: '2', body: { label: 'a-second', waitMs: 1, member: 'a' }, correlationId: 'c' },
        { id: '3', body: { label: 'b-only', waitMs: 10, member: 'b' }, correlationId: 'c' },
      ]),
      lambdaContext(),
    );
    expect(finished).toEqual(['b-only', 'a-first', 'a-second']);
  });

  it('answers each of two batches handled at once with its own failures', async () => {
    const handler = queueHandler('pos', waitingMessage, async (message) => {
      await new Promise((resolve) => setTimeout(resolve, message.waitMs));
      if (message.label === 'bad') throw new Error('refused');
    });
    // The first batch's bad record fails early, while its other record still runs when the second starts.
    const first = handler(
      sqsEvent([
        { id: 'bad-1', body: { label: 'bad', waitMs: 1, member: 'a' }, correlationId: 'c' },
        { id: 'good-1', body: { label: 'good', waitMs: 40, member: 'b' }, correlationId: 'c' },
      ]),
      lambdaContext(),
    );
    await new Promise((resolve) => setTimeout(resolve, 15));
    const second = handler(
      sqsEvent([{ id: 'good-2', body: { label: 'good', waitMs: 1, member: 'c' }, correlationId: 'c' }]),
      lambdaContext(),
    );
    expect(await first).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad-1' }] });
    expect(await second).toEqual({ batchItemFailures: [] });
  });
});

describe('local invocations', () => {
  it('log with the Lambda context of their own function while several run at once', async () => {
    // A warm invocation goes back to the level the logger started with: start these at INFO.
    vi.resetModules();
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    const { LocalLambdas } = await import('../../lib/local/lambda');
    const fixture = {
      service: 'pos',
      handler: 'test/support/fixtures/logging-handler.ts',
      description: 'logs after a wait',
      trigger: { kind: 'schedule', expression: 'rate(1 hour)', description: 'never fired' },
      access: {},
    } as unknown as FunctionDeclaration;
    const lambdas = new LocalLambdas(process.cwd(), { first: fixture, second: fixture });
    await Promise.all([
      lambdas.invoke('first', { label: 'first', waitMs: 30 }),
      lambdas.invoke('second', { label: 'second', waitMs: 1 }),
    ]);
    const done = lines.filter((line) => line.message === 'done');
    expect(done.map((line) => [line.label, line.function_name])).toEqual([
      ['second', 'sbm-crm-local-second'],
      ['first', 'sbm-crm-local-first'],
    ]);
  });
});

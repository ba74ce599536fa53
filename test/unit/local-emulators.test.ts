// The local EventBridge and SQS emulations: retries, dead letters, partial batch failures and redrive.
import { createHash } from 'node:crypto';
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { LocalEventBridge, type PublishedEvent } from '../../lib/local/eventbridge';
import { LocalSqs } from '../../lib/local/sqs';

const entry = (detailType: string, detail: unknown = { ok: true }) => ({
  EventBusName: 'bus',
  Source: 'sbm.crm.test',
  DetailType: detailType,
  Detail: JSON.stringify(detail),
});

describe('LocalEventBridge', () => {
  const rules = [
    { name: 'r', pattern: { source: ['sbm.crm.test'], 'detail-type': ['Matched'] }, target: 'fn' },
  ];

  it('delivers matching events asynchronously and only to matching rules', async () => {
    const invoke = vi.fn(async () => undefined);
    const bus = new LocalEventBridge({
      busName: 'bus',
      rules,
      invoke,
      retryAttempts: 2,
      retryBaseDelayMs: 1,
    });
    const result = bus.putEvents({ Entries: [entry('Matched'), entry('Other')] });
    expect(result.FailedEntryCount).toBe(0);
    expect(invoke).not.toHaveBeenCalled();
    await bus.idle();
    expect(invoke).toHaveBeenCalledTimes(1);
    expect((invoke.mock.calls[0] as unknown as [string, PublishedEvent])[1]['detail-type']).toBe('Matched');
  });

  it('retries a failing target, then dead-letters the event', async () => {
    const invoke = vi.fn(async () => Promise.reject(new Error('boom')));
    const bus = new LocalEventBridge({
      busName: 'bus',
      rules,
      invoke,
      retryAttempts: 2,
      retryBaseDelayMs: 1,
    });
    bus.putEvents({ Entries: [entry('Matched')] });
    await bus.idle();
    expect(invoke).toHaveBeenCalledTimes(3);
    expect(bus.deadLetters).toHaveLength(1);
    expect(bus.deadLetters[0]).toMatchObject({ target: 'fn', attempts: 3, error: 'boom' });
  });

  it('reports bad entries one by one', () => {
    const bus = new LocalEventBridge({
      busName: 'bus',
      rules,
      invoke: vi.fn(),
      retryAttempts: 0,
      retryBaseDelayMs: 1,
    });
    const result = bus.putEvents({
      Entries: [
        entry('Matched'),
        { ...entry('Matched'), Detail: '{oops' },
        { ...entry('X'), EventBusName: 'nope' },
      ],
    });
    expect(result.FailedEntryCount).toBe(2);
    expect(result.Entries.map((e) => ('ErrorCode' in e ? e.ErrorCode : 'ok'))).toEqual([
      'ok',
      'MalformedDetail',
      'ResourceNotFoundException',
    ]);
  });

  it('refuses to start with a rule it cannot evaluate', () => {
    const bad = [{ name: 'bad', pattern: { source: [{ wildcard: 'sbm.*' }] }, target: 'fn' }];
    expect(
      () =>
        new LocalEventBridge({
          busName: 'bus',
          rules: bad as never,
          invoke: vi.fn(),
          retryAttempts: 0,
          retryBaseDelayMs: 1,
        }),
    ).toThrow(/wildcard/);
  });
});

describe('LocalSqs', () => {
  const queueConfig = (consumer: boolean, maxConcurrency = 1, visibilityTimeoutMs = 30) => ({
    name: 'work',
    maxReceiveCount: 3,
    visibilityTimeoutMs,
    consumer: consumer ? { target: 'fn', batchSize: 10, maxBatchingWindowMs: 0, maxConcurrency } : undefined,
  });

  it('answers SendMessage with the MD5 the SDK checks', () => {
    const sqs = new LocalSqs('http://x', [queueConfig(false)], vi.fn());
    const result = sqs.handle('SendMessage', {
      QueueUrl: 'http://x/000000000000/work',
      MessageBody: 'hello',
    }) as { MD5OfMessageBody: string };
    expect(result.MD5OfMessageBody).toBe(createHash('md5').update('hello').digest('hex'));
  });

  it('deletes successes, retries reported failures, and redrives after maxReceiveCount', async () => {
    const seen: string[] = [];
    const invoke = vi.fn(async (_: string, event: SQSEvent) => {
      seen.push(...event.Records.map((record) => record.body));
      return {
        batchItemFailures: event.Records.filter((r) => r.body === 'poison').map((r) => ({
          itemIdentifier: r.messageId,
        })),
      };
    });
    const sqs = new LocalSqs('http://x', [queueConfig(true)], invoke, { pollIntervalMs: 5 });
    sqs.handle('SendMessageBatch', {
      QueueUrl: 'http://x/000000000000/work',
      Entries: [
        { Id: '1', MessageBody: 'good' },
        { Id: '2', MessageBody: 'poison' },
      ],
    });
    sqs.start();
    await vi.waitFor(() => expect(sqs.snapshot()[0]!.deadLetters).toHaveLength(1), { timeout: 3000 });
    await sqs.stop();
    expect(seen.filter((body) => body === 'good')).toHaveLength(1);
    expect(seen.filter((body) => body === 'poison')).toHaveLength(3);
    expect(sqs.snapshot()[0]).toMatchObject({
      messages: 0,
      deadLetters: [{ body: 'poison', receiveCount: 3 }],
    });
  });

  it('returns the whole batch when the consumer throws', async () => {
    let calls = 0;
    const invoke = vi.fn(async () => {
      calls++;
      if (calls === 1) throw new Error('crash');
      return { batchItemFailures: [] };
    });
    const sqs = new LocalSqs('http://x', [queueConfig(true)], invoke, { pollIntervalMs: 5 });
    sqs.handle('SendMessage', { QueueUrl: 'http://x/000000000000/work', MessageBody: 'a' });
    sqs.handle('SendMessage', { QueueUrl: 'http://x/000000000000/work', MessageBody: 'b' });
    sqs.start();
    await vi.waitFor(() => expect(calls).toBe(2), { timeout: 3000 });
    await sqs.drained(2000);
    await sqs.stop();
    expect((invoke.mock.calls[1] as unknown as [string, SQSEvent])[1].Records).toHaveLength(2);
    expect(sqs.snapshot()[0]!.messages).toBe(0);
  });

  it('tells when the queues of one consumer are drained, whatever other queues still hold', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const invoke = vi.fn(async (target: string) => {
      if (target === 'slow') await held;
      return { batchItemFailures: [] };
    });
    const consumerOf = (name: string, target: string) => ({
      ...queueConfig(true),
      name,
      consumer: { target, batchSize: 10, maxBatchingWindowMs: 0, maxConcurrency: 1 },
    });
    const sqs = new LocalSqs('http://x', [consumerOf('fast', 'quick'), consumerOf('slow', 'slow')], invoke, {
      pollIntervalMs: 5,
    });
    sqs.handle('SendMessage', { QueueUrl: 'http://x/000000000000/fast', MessageBody: 'a' });
    sqs.handle('SendMessage', { QueueUrl: 'http://x/000000000000/slow', MessageBody: 'b' });
    sqs.start();
    expect(await sqs.drained(2000, 'quick')).toBe(true);
    // The slow consumer's message stays on its queue until its batch is done.
    expect(await sqs.drained(100)).toBe(false);
    expect(await sqs.drained(100, 'slow')).toBe(false);
    release();
    expect(await sqs.drained(2000)).toBe(true);
    await sqs.stop();
  });

  it(
    'hands out batches concurrently up to the consumer maximum, each message once',
    { timeout: 10_000 },
    async () => {
      let running = 0;
      let mostAtOnce = 0;
      const seen: string[] = [];
      const invoke = vi.fn(async (_: string, event: SQSEvent) => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        await new Promise((resolve) => setTimeout(resolve, 30));
        seen.push(...event.Records.map((record) => record.body));
        running--;
        return { batchItemFailures: [] };
      });
      // A visibility timeout far beyond the handler's time: every message is delivered once, however busy the machine.
      const sqs = new LocalSqs('http://x', [queueConfig(true, 3, 60_000)], invoke, { pollIntervalMs: 5 });
      for (let i = 0; i < 95; i++)
        sqs.handle('SendMessage', { QueueUrl: 'http://x/000000000000/work', MessageBody: `m${i}` });
      sqs.start();
      await vi.waitFor(() => expect(seen).toHaveLength(95), { timeout: 8000 });
      await sqs.stop();
      expect(mostAtOnce).toBe(3);
      expect(new Set(seen).size).toBe(95);
    },
  );
});

describe('LocalApiGateway', () => {
  it('applies a route limit stricter than the stage, answering 429 with Retry-After', async () => {
    const { LocalApiGateway } = await import('../../lib/local/api-gateway');
    const invoke = vi.fn(async () => ({ statusCode: 200, body: '{}' }));
    const gateway = new LocalApiGateway({
      routes: [
        {
          functionName: 'login',
          route: {
            method: 'POST',
            path: '/v1/login',
            auth: { kind: 'public' },
            tag: 'customers',
            summary: 's',
            responses: {},
            throttle: { rateLimit: 1, burstLimit: 2 },
          },
        },
      ],
      authorizer: { functionName: 'authorizer', cacheTtlSeconds: 300 },
      invoke,
      throttle: { rateLimit: 1000, burstLimit: 1000 },
      stage: 'test',
    });
    const request = {
      method: 'POST',
      path: '/v1/login',
      query: new URLSearchParams(),
      headers: {},
      body: '',
      sourceIp: '127.0.0.1',
    };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await gateway.handle(request));
    expect(statuses.map((response) => response.status)).toEqual([200, 200, 429]);
    expect(statuses[2]!.headers['retry-after']).toBe('1');
    expect(invoke).toHaveBeenCalledTimes(2);
  });
});

describe('LocalUsagePlans', () => {
  it('registers API keys in a plan through the management calls and admits them with the plan throttle', async () => {
    const { LocalUsagePlans } = await import('../../lib/local/usage-plans');
    const plans = new LocalUsagePlans([{ id: 'p1', name: 'pos', throttle: { rateLimit: 1, burstLimit: 2 } }]);
    expect(plans.handle('GET', '/usageplans', '').body).toEqual({
      item: [{ id: 'p1', name: 'pos', throttle: { rateLimit: 1, burstLimit: 2 } }],
    });
    const created = plans.handle(
      'POST',
      '/apikeys',
      JSON.stringify({ name: 'k', value: 'usage-k-0123456789', enabled: true }),
    );
    const keyId = (created.body as { id: string }).id;
    expect(plans.admit('usage-k-0123456789')).toBe('invalid-key');
    plans.handle('POST', '/usageplans/p1/keys', JSON.stringify({ keyId, keyType: 'API_KEY' }));
    expect(plans.admit('usage-k-0123456789')).toBe('admitted');
    expect(plans.admit('usage-k-0123456789')).toBe('admitted');
    expect(plans.admit('usage-k-0123456789')).toBe('throttled');
    expect(plans.admit('someone-else')).toBe('invalid-key');
    plans.handle(
      'PATCH',
      `/apikeys/${keyId}`,
      JSON.stringify({ patchOperations: [{ op: 'replace', path: '/enabled', value: 'false' }] }),
    );
    expect(plans.admit('usage-k-0123456789')).toBe('invalid-key');
  });
});

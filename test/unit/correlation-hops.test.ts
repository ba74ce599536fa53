// The correlation id survives every hop a request takes: a client's header (validated), SQS message
// attributes as the local SQS hands them to Lambda, and the local telemetry that files lines by it.
import { describe, expect, it } from 'vitest';
import { correlationIdOf } from '../../lib/http/handler';
import { correlationIdOfRecord } from '../../lib/queues/handler';
import { trustedCorrelationId } from '../../lib/observability/correlation';
import { correlationIdsOfEvent, LocalTelemetry, MAX_LINES_PER_INVOCATION } from '../../lib/local/telemetry';

const httpEvent = (header?: string) => ({
  headers: header === undefined ? {} : { 'X-Correlation-Id': header },
  requestContext: { requestId: 'gateway-request-id' } as never,
});

describe('correlation ids', () => {
  it.each([
    ['till-7.sale:42', 'till-7.sale:42'],
    ['x'.repeat(128), 'x'.repeat(128)],
    ['x'.repeat(129), 'gateway-request-id'],
    ['has space', 'gateway-request-id'],
    ['new\nline', 'gateway-request-id'],
    ['', 'gateway-request-id'],
  ])('takes the client id %j as %j', (header, expected) => {
    expect(correlationIdOf(httpEvent(header))).toBe(expected);
  });

  it("takes API Gateway's request id when the client sends none", () => {
    expect(correlationIdOf(httpEvent())).toBe('gateway-request-id');
  });

  it("reads a record's correlationId attribute, else correlates by the message id", () => {
    const attribute = (stringValue: string) => ({ correlationId: { stringValue, dataType: 'String' } });
    expect(correlationIdOfRecord({ messageId: 'm-1', messageAttributes: attribute('c-1') })).toBe('c-1');
    expect(correlationIdOfRecord({ messageId: 'm-1', messageAttributes: {} })).toBe('m-1');
    expect(correlationIdOfRecord({ messageId: 'm-1', messageAttributes: attribute('bad id') })).toBe('m-1');
    expect(trustedCorrelationId(42, 'fallback')).toBe('fallback');
  });

  it('finds the ids of every trigger kind as their middy stacks do', () => {
    expect(correlationIdsOfEvent(httpEvent('c-http'))).toEqual(['c-http']);
    expect(
      correlationIdsOfEvent({
        id: 'e-1',
        'detail-type': 'PurchaseRecorded',
        detail: { metadata: { correlationId: 'c-ev' } },
      }),
    ).toEqual(['c-ev']);
    expect(correlationIdsOfEvent({ id: 'sched-1', 'detail-type': 'Scheduled Event', detail: {} })).toEqual([
      'sched-1',
    ]);
    const oneTime = { payload: {}, schedule: 'arn', scheduledTime: 't', executionId: 'exec-1', attempt: '1' };
    expect(correlationIdsOfEvent({ ...oneTime, correlationId: 'c-once' })).toEqual(['c-once']);
    expect(correlationIdsOfEvent({ ...oneTime, correlationId: 'bad id' })).toEqual(['exec-1']);
    expect(
      correlationIdsOfEvent({
        Records: [
          { messageId: 'm-1', body: '{}', messageAttributes: { correlationId: { stringValue: 'c-a' } } },
          { messageId: 'm-2', body: JSON.stringify({ detail: { metadata: { correlationId: 'c-b' } } }) },
          { messageId: 'm-3', body: 'not json' },
        ],
      }),
    ).toEqual(['c-a', 'c-b', 'm-3']);
  });
});

describe('local telemetry', () => {
  const telemetry = () => new LocalTelemetry(() => 'queue', 2);

  it("files a batch's lines under each record's trace, with the invocation's outcome and duration", async () => {
    const t = telemetry();
    const around = t.around();
    const event = {
      Records: [
        { messageId: 'm-1', body: '{}', messageAttributes: { correlationId: { stringValue: 'c-a' } } },
        { messageId: 'm-2', body: '{}', messageAttributes: { correlationId: { stringValue: 'c-b' } } },
      ],
    };
    await around('creditPosTransactions', event, async () => {
      t.sink.onLog({ message: 'a', correlationId: 'c-a' });
      t.sink.onLog({ message: 'b', correlationId: 'c-b' });
      return { batchItemFailures: [{ itemIdentifier: 'm-2' }] };
    });
    const a = t.trace('c-a')!.invocations;
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ functionName: 'creditPosTransactions', trigger: 'queue' });
    expect(a[0]!.outcome).toBe('partially-failed');
    expect(a[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(a[0]!.lines.map((line) => line.message)).toEqual(['a']);
    expect(t.trace('c-b')!.invocations[0]!.lines.map((line) => line.message)).toEqual(['b']);
  });

  it('records a thrown invocation as failed and counts it; keeps only the newest traces and bounded lines', async () => {
    const t = telemetry();
    const around = t.around();
    const run = (id: string, work: () => Promise<unknown>) =>
      around('fn', { id, 'detail-type': 'Scheduled Event', detail: {} }, work);
    await expect(run('s-1', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(t.trace('s-1')!.invocations[0]).toMatchObject({ outcome: 'failed', error: 'boom' });
    await run('s-2', async () => {
      for (let i = 0; i < MAX_LINES_PER_INVOCATION + 5; i++) t.sink.onLog({ message: String(i) });
    });
    expect(t.trace('s-2')!.invocations[0]!.linesDropped).toBe(5);
    await run('s-3', async () => undefined);
    expect(t.trace('s-1')).toBeUndefined();
    expect(t.trace('s-3')).toBeDefined();
    const text = t.prometheus([{ name: 'pos', messages: 3, inFlight: 1, deadLetters: 2 }]);
    expect(text).toContain('sbm_crm_function_invocations_total{function="fn"} 3');
    expect(text).toContain('sbm_crm_function_errors_total{function="fn"} 1');
    expect(text).toContain('sbm_crm_dlq_messages{queue="pos"} 2');
    expect(text).toContain('sbm_crm_purchases_credited_total 0');
  });

  it('sums what Powertools Metrics flushed, per metric and service', () => {
    const t = telemetry();
    const emf = (value: number) => ({
      _aws: {
        CloudWatchMetrics: [{ Namespace: 'SbmCrm', Metrics: [{ Name: 'PointsIssued', Unit: 'Count' }] }],
      },
      service: 'loyalty',
      PointsIssued: value,
    });
    t.sink.onMetrics(emf(88));
    t.sink.onMetrics({ ...emf(0), PointsIssued: [10, 2] });
    expect(t.prometheus([])).toContain('sbm_crm_points_issued_total{service="loyalty"} 100');
  });
});

// One request followed across every function it touched (`/_local/traces/{id}`), and the counters it
// moved (`/_local/metrics`, Prometheus text).
import { describe, expect, it, vi } from 'vitest';
import { signPosRequest } from '../../lib/pos/signature';
import { call, cloudUrl, login, uniqueCode } from '../support/http';
import { demoPosKey } from '../support/pos';

interface TracedInvocation {
  functionName: string;
  trigger: string;
  startedAt: string;
  durationMs?: number;
  outcome: string;
  lines: { correlationId?: string; message?: string }[];
}

async function metricsText() {
  const response = await fetch(`${cloudUrl()}/_local/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** Prometheus text exposition 0.0.4: every line a comment or `name{labels} value`; the samples summed by name. */
function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match =
      /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (\S+)$/.exec(line);
    expect(match, `not a Prometheus sample: ${line}`).not.toBeNull();
    const value = Number(match![3]);
    expect(Number.isNaN(value)).toBe(false);
    samples.set(match![1]!, (samples.get(match![1]!) ?? 0) + value);
  }
  return samples;
}

function signedSale(customerId: string, correlationId: string) {
  const rawBody = JSON.stringify({
    transactionId: uniqueCode('T'),
    storeId: 'demo-store',
    occurredAt: new Date().toISOString(),
    customer: { customerId },
    amount: 8800,
    currency: 'CNY',
    items: [{ sku: 'TEA-1', category: 'food', quantity: 1, unitPrice: 8800 }],
    paymentMethod: 'wechat-pay',
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  return call('POST', '/v1/pos/transactions', {
    rawBody,
    headers: {
      'x-pos-key': demoPosKey.keyId,
      'x-pos-timestamp': timestamp,
      'x-pos-signature': signPosRequest(demoPosKey.secret, timestamp, rawBody),
      'x-correlation-id': correlationId,
    },
  });
}

describe('following one request', () => {
  it('shows one POS purchase across every function it touched, each line carrying its correlation id', async () => {
    const { body: member } = await login(uniqueCode('traced'));
    await vi.waitFor(
      async () =>
        expect((await call('GET', '/v1/loyalty/me', { token: member.accessToken })).status).toBe(200),
      { timeout: 5000, interval: 50 },
    );
    const before = parsePrometheus(await metricsText());

    const correlationId = `till-7.${uniqueCode('sale')}`;
    const accepted = await signedSale(member.customer.id, correlationId);
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('x-correlation-id')).toBe(correlationId);

    // Intake, crediting, and the consumers of what the credit published (one of them through its buffer queue).
    const expected = [
      'posKeyAuthorizer',
      'recordPosTransaction',
      'creditPosTransactions',
      'awardPurchaseCampaigns',
      'celebratePointsMilestones',
      'recordDailySales',
      'recordPointsMovements',
    ];
    let invocations: TracedInvocation[] = [];
    await vi.waitFor(
      async () => {
        const trace = await call<{ correlationId: string; invocations: TracedInvocation[] }>(
          'GET',
          `/_local/traces/${encodeURIComponent(correlationId)}`,
        );
        expect(trace.status).toBe(200);
        invocations = trace.body.invocations;
        const finished = invocations.filter((invocation) => invocation.outcome !== 'running');
        expect(finished.map((invocation) => invocation.functionName)).toEqual(
          expect.arrayContaining(expected),
        );
      },
      { timeout: 10_000, interval: 100 },
    );

    const startOf = (name: string) =>
      Date.parse(invocations.find((invocation) => invocation.functionName === name)!.startedAt);
    expect(invocations.map((invocation) => invocation.startedAt)).toEqual(
      invocations.map((invocation) => invocation.startedAt).sort(),
    );
    expect(startOf('recordPosTransaction')).toBeLessThanOrEqual(startOf('creditPosTransactions'));
    for (const consumer of ['awardPurchaseCampaigns', 'celebratePointsMilestones', 'recordDailySales'])
      expect(startOf('creditPosTransactions')).toBeLessThanOrEqual(startOf(consumer));
    expect(invocations.find((i) => i.functionName === 'recordPosTransaction')?.trigger).toBe('http');
    expect(invocations.find((i) => i.functionName === 'creditPosTransactions')?.trigger).toBe('queue');
    expect(invocations.find((i) => i.functionName === 'recordDailySales')?.trigger).toBe('event');

    for (const invocation of invocations.filter((i) => expected.includes(i.functionName))) {
      expect(invocation.outcome, invocation.functionName).toBe('succeeded');
      expect(invocation.durationMs, invocation.functionName).toBeGreaterThanOrEqual(0);
      for (const line of invocation.lines)
        expect(line.correlationId, `${invocation.functionName}: ${line.message}`).toBe(correlationId);
    }
    // The credit says what it did, on a line of the trace.
    expect(
      invocations.find((i) => i.functionName === 'creditPosTransactions')!.lines.map((line) => line.message),
    ).toContain('purchase');

    // The purchase and its 88 points are counted, once.
    await vi.waitFor(
      async () => {
        const after = parsePrometheus(await metricsText());
        const moved = (name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);
        expect(moved('sbm_crm_purchases_credited_total')).toBeGreaterThanOrEqual(1);
        expect(moved('sbm_crm_points_issued_total')).toBeGreaterThanOrEqual(88);
        expect(moved('sbm_crm_function_invocations_total')).toBeGreaterThanOrEqual(expected.length);
        expect(after.get('sbm_crm_function_duration_seconds_count')).toBeGreaterThan(0);
        expect(moved('sbm_crm_events_published_total')).toBeGreaterThanOrEqual(1);
      },
      { timeout: 5000, interval: 100 },
    );
  });

  it('replaces a malformed client correlation id with its own, and answers 404 for an unknown trace', async () => {
    const { body: member } = await login(uniqueCode('traced'));
    const malformed = 'not a valid id; drop table';
    const accepted = await signedSale(member.customer.id, malformed);
    expect(accepted.status).toBe(202);
    const own = accepted.headers.get('x-correlation-id');
    expect(own).toMatch(/^[\w.:-]{1,128}$/);
    expect(own).not.toBe(malformed);
    await vi.waitFor(
      async () =>
        expect(
          (
            await call<{ invocations: TracedInvocation[] }>('GET', `/_local/traces/${own}`)
          ).body.invocations.map((i) => i.functionName),
        ).toContain('recordPosTransaction'),
      { timeout: 5000, interval: 50 },
    );
    expect((await call('GET', `/_local/traces/${uniqueCode('nothing')}`)).status).toBe(404);
  });
});

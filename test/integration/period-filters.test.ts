// Period filters against DynamoDB Local: a plain date lists the whole of that programme day, its last moment included.
import { beforeAll, describe, expect, it } from 'vitest';
import { recordCustomerAction, recordStaffAction } from '../../lib/audit';
import { defineAuditSubject } from '../../lib/audit/subjects';
import { apiEvent, lambdaContext } from '../support/lambda';
import { staffCaller } from '../support/staff';

let staff: Record<string, string>;
beforeAll(async () => {
  staff = await staffCaller(['admin']);
});

/** Audit entries around the programme day 2026-12-06 (Asia/Shanghai, UTC+8), each at its own moment. */
const moments = {
  dayBefore: '2026-12-05T23:59:59.999+08:00',
  firstMoment: '2026-12-06T00:00:00.000+08:00',
  lastMoment: '2026-12-06T23:59:59.999+08:00',
  dayAfter: '2026-12-07T00:00:00.000+08:00',
};

describe('GET /v1/admin/audit?from=&to=', () => {
  it('lists the whole day for from=to=a date, and what lies between two moments with offsets', async () => {
    const { handler } = await import('../../functions/audit/list-audit-entries');
    const actor = `period-${Math.random().toString(36).slice(2, 8)}`;
    for (const [name, at] of Object.entries(moments))
      await recordStaffAction(
        {
          actor: { kind: 'staff', staffId: actor, sessionId: 's', roles: ['admin'], storeIds: [] },
          action: `test.${name}`,
          target: defineAuditSubject('period').target(name),
          correlationId: 'c',
        },
        new Date(at),
      );
    const listed = async (query: Record<string, string>) => {
      const response = await handler(
        apiEvent({ method: 'GET', path: '/v1/admin/audit', authorizer: staff, query: { ...query, actor } }),
        lambdaContext(),
      );
      expect(response.statusCode).toBe(200);
      return (JSON.parse(response.body) as { items: { action: string }[] }).items.map((item) => item.action);
    };
    expect(await listed({ from: '2026-12-06', to: '2026-12-06' })).toEqual([
      'test.lastMoment',
      'test.firstMoment',
    ]);
    expect(await listed({ from: '2026-12-06T00:00:00+08:00', to: '2026-12-06T23:59:59.999+08:00' })).toEqual([
      'test.lastMoment',
      'test.firstMoment',
    ]);
    expect(await listed({ from: '2026-12-05', to: '2026-12-07' })).toHaveLength(4);
  });

  it('refuses a period that ends before it starts, with 400 naming to', async () => {
    const { handler } = await import('../../functions/audit/list-audit-entries');
    const response = await handler(
      apiEvent({
        method: 'GET',
        path: '/v1/admin/audit',
        authorizer: staff,
        query: { from: '2026-12-07', to: '2026-12-06' },
      }),
      lambdaContext(),
    );
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({
      errors: [{ field: 'query.to', message: 'to must not be before from' }],
    });
  });
});

describe('GET /v1/admin/privacy-requests?from=&to=', () => {
  it('lists the requests of the whole day for from=to=a date', async () => {
    const { handler } = await import('../../functions/customers/list-privacy-requests');
    const customerId = `period-${Math.random().toString(36).slice(2, 8)}`;
    for (const at of Object.values(moments))
      await recordCustomerAction({ customerId, action: 'privacy.export', correlationId: at }, new Date(at));
    const response = await handler(
      apiEvent({
        method: 'GET',
        path: '/v1/admin/privacy-requests',
        authorizer: staff,
        query: { from: '2026-12-06', to: '2026-12-06', limit: '200' },
      }),
      lambdaContext(),
    );
    expect(response.statusCode).toBe(200);
    const mine = (
      JSON.parse(response.body) as { items: { customerId: string; correlationId: string }[] }
    ).items
      .filter((item) => item.customerId === customerId)
      .map((item) => item.correlationId);
    expect(mine).toEqual([moments.lastMoment, moments.firstMoment]);
  });
});

// Searching the audit trail against DynamoDB Local, through the route's handler: no flood of other entries
// hides a match, and every match comes back, page by page, newest first.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditEntryItems, recordCustomerAction, recordStaffAction } from '../../lib/audit';
import type { AuditEntry, AuditEntryView } from '../../lib/audit/schema';
import { defineAuditSubject } from '../../lib/audit/subjects';
import { createStaff, staffAuditSubject } from '../../lib/auth/staff';
import { customerAuditSubject } from '../../lib/customers/profile';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { rewardAuditSubject } from '../../lib/rewards/schemas';
import { startLocalDynamo, type LocalDynamo } from '../../lib/local/dynamodb';
import { LocalUsagePlans } from '../../lib/local/usage-plans';
import { upgradeLocalData } from '../../lib/local/upgrade-data';
import { programmeDayStart } from '../support/calendar';
import { apiEvent, lambdaContext } from '../support/lambda';
import { unique } from '../support/members';
import { staffCaller } from '../support/staff';

// The floods below are this file's own: a DynamoDB Local of its own keeps them out of the other files' scans.
let dynamo: LocalDynamo | undefined;
/** An admin's authorizer context; the HTTP stack reads their roles from their record in this table. */
let auditor: Awaited<ReturnType<typeof staffCaller>>;
beforeAll(async () => {
  dynamo = await startLocalDynamo({});
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  auditor = await staffCaller(['admin']);
}, 60_000);
afterAll(() => dynamo?.stop());

const adminActor = (staffId: string) => ({
  kind: 'staff' as const,
  staffId,
  sessionId: 's',
  roles: ['admin' as const],
  storeIds: [],
});

type Page = { items: AuditEntryView[]; nextCursor?: string };
async function search(
  query: Record<string, string>,
): Promise<{ status: number; body: Page & { code?: string } }> {
  const { handler } = await import('../../functions/audit/list-audit-entries');
  const response = await handler(
    apiEvent({ method: 'GET', path: '/v1/admin/audit', authorizer: auditor, query }),
    lambdaContext(),
  );
  return { status: response.statusCode, body: JSON.parse(response.body) as Page & { code?: string } };
}
/** Every match of a search, following its cursor; the pages it took. */
async function everyMatch(query: Record<string, string>) {
  const items: AuditEntryView[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await search({ ...query, ...(cursor ? { cursor } : {}) });
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
    pages++;
  } while (cursor && pages < 200);
  return { items, pages };
}

/** Writes entries as the trail keeps them, 25 items a request, several requests at once. */
async function batchWrite(items: Record<string, unknown>[]) {
  const TableName = tableNameFromEnv('main');
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const { awsClients } = await import('../../lib/aws-clients');
  const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
  const client = DynamoDBDocumentClient.from(await awsClients.dynamo());
  const write = async (batch: Record<string, unknown>[]) => {
    let pending = batch.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length) {
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [TableName]: pending } }));
      pending = (result.UnprocessedItems?.[TableName] ?? []) as typeof pending;
    }
  };
  for (let i = 0; i < batches.length; i += 8) await Promise.all(batches.slice(i, i + 8).map(write));
}

/** A flood of entries after `start` (member exports unless told), a millisecond apart, with long correlation ids. */
function exportFlood(count: number, start: Date, actor?: string, action = 'privacy.export') {
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(start.getTime() + 1 + i);
    const customer = `customer:flood-${i}`;
    const entry: AuditEntry = {
      actor: actor ?? customer,
      roles: [],
      action,
      target: customer,
      correlationId: `flood-${i}-${'x'.repeat(400)}`,
      at: at.toISOString(),
    };
    return auditEntryItems(entry, at);
  }).flat();
}

describe('an audit search flooded with other entries', () => {
  it('still finds an admin creating an admin by actor, by action and by target, and pages through the whole day', async () => {
    // A day of its own, long past, so the other test files' entries share none of it.
    const day = programmeDayStart(-800);
    const createdAt = new Date(day.getTime() + 3_600_000);
    const admin = unique('admin');
    const newAdmin = unique('staff');
    await recordStaffAction(
      {
        actor: adminActor(admin),
        action: 'staff.create',
        target: staffAuditSubject.target(newAdmin),
        after: { roles: ['admin'] },
        correlationId: 'create-admin',
      },
      createdAt,
    );
    await batchWrite(exportFlood(3000, createdAt));
    const period = { from: day.toISOString(), to: new Date(day.getTime() + 86_400_000 - 1).toISOString() };

    const byActor = await search({ ...period, actor: admin });
    expect(byActor.body.items).toEqual([expect.objectContaining({ action: 'staff.create', actor: admin })]);
    expect(byActor.body.nextCursor).toBeUndefined();
    const byAction = await search({ ...period, action: 'staff.create' });
    expect(byAction.body.items).toEqual([expect.objectContaining({ target: `staff:${newAdmin}` })]);
    const byTarget = await search({ ...period, target: `staff:${newAdmin}` });
    expect(byTarget.body.items).toEqual([expect.objectContaining({ correlationId: 'create-admin' })]);

    // By time alone: every one of the 3,001 entries, once each, newest first, the admin's last.
    const { items, pages } = await everyMatch({ ...period, limit: '200' });
    expect(items).toHaveLength(3001);
    expect(pages).toBeGreaterThanOrEqual(16);
    expect(new Set(items.map((item) => item.correlationId)).size).toBe(3001);
    expect(items.map((item) => item.at)).toEqual(
      items
        .map((item) => item.at)
        .sort()
        .reverse(),
    );
    expect(items.at(-1)).toMatchObject({ actor: admin, action: 'staff.create' });

    // By action: all 3,000 exports, page by page.
    const exports = await everyMatch({ ...period, action: 'privacy.export', limit: '200' });
    expect(exports.items).toHaveLength(3000);
    expect(new Set(exports.items.map((item) => item.target)).size).toBe(3000);
  }, 120_000);

  it("finds an actor's one action of a kind among thousands of their others, following the cursor", async () => {
    const day = programmeDayStart(-801);
    const admin = unique('admin');
    const createdAt = new Date(day.getTime() + 3_600_000);
    await recordStaffAction(
      {
        actor: adminActor(admin),
        action: 'staff.create',
        target: staffAuditSubject.target('x'),
        correlationId: 'needle',
      },
      createdAt,
    );
    // The admin's own later actions, thousands of them, in front of the one searched for.
    await batchWrite(exportFlood(3000, createdAt, admin));
    const period = { from: day.toISOString(), to: new Date(day.getTime() + 86_400_000 - 1).toISOString() };
    const found = await everyMatch({ ...period, actor: admin, action: 'staff.create', limit: '10' });
    expect(found.items).toEqual([expect.objectContaining({ correlationId: 'needle' })]);
    const all = await everyMatch({ ...period, actor: admin, limit: '200' });
    expect(all.items).toHaveLength(3001);
  }, 120_000);
});

describe('the privacy requests list', () => {
  it('lists a member export behind thousands of staff reads of personal data the same day', async () => {
    const day = programmeDayStart(-804);
    const exportedAt = new Date(day.getTime() + 3_600_000);
    const customerId = unique('exporter');
    await recordCustomerAction(
      { customerId, action: 'privacy.export', correlationId: 'the-export' },
      exportedAt,
    );
    await batchWrite(exportFlood(3000, exportedAt, 'support-1', 'loyalty.ledger.read'));
    const { handler } = await import('../../functions/customers/list-privacy-requests');
    const response = await handler(
      apiEvent({
        method: 'GET',
        path: '/v1/admin/privacy-requests',
        authorizer: auditor,
        query: { from: day.toISOString(), to: new Date(day.getTime() + 86_400_000 - 1).toISOString() },
      }),
      lambdaContext(),
    );
    expect(response.statusCode).toBe(200);
    expect((JSON.parse(response.body) as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ customerId, kind: 'export', correlationId: 'the-export' }),
    ]);
  }, 120_000);
});

describe('audit search cursors', () => {
  const pages = defineAuditSubject('page');
  it('continue only the search they came from, within its period', async () => {
    const actor = unique('pager');
    const start = programmeDayStart(-802);
    for (let i = 0; i < 3; i++)
      await recordStaffAction(
        {
          actor: adminActor(actor),
          action: 'test.page',
          target: pages.target(String(i)),
          correlationId: `c${i}`,
        },
        new Date(start.getTime() + i * 60_000),
      );
    const period = { from: start.toISOString(), to: new Date(start.getTime() + 3_600_000).toISOString() };
    const first = await search({ ...period, actor, limit: '2' });
    expect(first.body.items.map((item) => item.target)).toEqual(['page:2', 'page:1']);
    const second = await search({ ...period, actor, limit: '2', cursor: first.body.nextCursor! });
    expect(second.body.items.map((item) => item.target)).toEqual(['page:0']);
    expect(second.body.nextCursor).toBeUndefined();

    const elsewhere = await search({ ...period, actor: unique('other'), cursor: first.body.nextCursor! });
    expect(elsewhere).toMatchObject({ status: 400, body: { code: 'INVALID_CURSOR' } });
    const laterPeriod = await search({
      actor,
      from: new Date(start.getTime() + 90_000).toISOString(),
      to: period.to,
      cursor: first.body.nextCursor!,
    });
    expect(laterPeriod).toMatchObject({ status: 400, body: { code: 'INVALID_CURSOR' } });
    expect(await search({ ...period, actor, cursor: 'not-a-cursor' })).toMatchObject({ status: 400 });
  });

  it('refuse a search by time alone over more than 93 days, naming from', async () => {
    const response = await search({
      from: programmeDayStart(-200).toISOString(),
      to: programmeDayStart(-100).toISOString(),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('query.from');
  });
});

describe('entries written before the search copies existed', () => {
  it('are found by target and time as they are, and by actor and action once the upgrade copied them', async () => {
    const day = programmeDayStart(-803);
    const at = new Date(day.getTime() + 7_200_000);
    const actor = unique('old-admin');
    const action = unique('test.old');
    // An entry as earlier versions wrote it: its day's partition and the target index, nothing else.
    await documents.put({
      TableName: tableNameFromEnv('main'),
      Item: {
        pk: `AUDIT#${at.toISOString().slice(0, 10)}`,
        sk: `${at.toISOString()}#${ulid(at.getTime())}`,
        gsi1pk: 'AUDIT#TARGET#store:old',
        gsi1sk: at.toISOString(),
        actor,
        roles: ['admin'],
        action,
        target: 'store:old',
        correlationId: 'before-copies',
        at: at.toISOString(),
      },
    });
    await recordCustomerAction({ customerId: 'someone', action, correlationId: 'after-copies' }, at);
    const period = { from: day.toISOString(), to: new Date(day.getTime() + 86_400_000 - 1).toISOString() };
    const correlationIds = async (query: Record<string, string>) =>
      (await everyMatch({ ...period, ...query })).items.map((item) => item.correlationId).sort();
    expect(await correlationIds({ target: 'store:old' })).toEqual(['before-copies']);
    expect(await correlationIds({})).toEqual(['after-copies', 'before-copies']);
    expect(await correlationIds({ actor })).toEqual([]);

    const plans = new LocalUsagePlans([
      { id: 'posplan', name: 'pos', throttle: { rateLimit: 1, burstLimit: 1 } },
    ]);
    await upgradeLocalData(plans, 'posplan');
    expect(await correlationIds({ actor })).toEqual(['before-copies']);
    expect(await correlationIds({ action })).toEqual(['after-copies', 'before-copies']);
    // A second start copies nothing twice.
    await upgradeLocalData(plans, 'posplan');
    expect(await correlationIds({ action })).toEqual(['after-copies', 'before-copies']);
  });
});

describe('who acted, as staff read the trail', () => {
  /** A staff member of this test's own, with a name and an email in mixed case as they typed it. */
  async function staffMember(name: string) {
    const email = `${unique(name.split(' ')[0]!)}@SBM-Plaza.cn`;
    const { staffId } = await createStaff({ email, name, roles: ['marketer'], password: unique('pw') });
    const actor = {
      kind: 'staff' as const,
      staffId,
      sessionId: 's',
      roles: ['marketer' as const],
      storeIds: [],
    };
    return { staffId, email: email.toLowerCase(), actor };
  }

  it('names each staff actor by name and email, read for the whole page at once, and labels the others', async () => {
    const day = programmeDayStart(-805);
    const at = (minutes: number) => new Date(day.getTime() + 3_600_000 + minutes * 60_000);
    const liNa = await staffMember('Li Na');
    const zhangWei = await staffMember('Zhang Wei');
    const nobody = unique('left');
    const customerId = unique('member');
    const action = unique('test.actors');
    const target = rewardAuditSubject.target(unique('r'));
    const act = (actor: typeof liNa.actor, minutes: number) =>
      recordStaffAction({ actor, action, target, correlationId: `c${minutes}` }, at(minutes));
    await act(liNa.actor, 1);
    await act(zhangWei.actor, 2);
    await act(liNa.actor, 3);
    await act({ ...liNa.actor, staffId: nobody }, 4);
    await act({ ...liNa.actor, staffId: 'system' }, 5);
    await act({ ...liNa.actor, staffId: 'unidentified' }, 6);
    await recordCustomerAction({ customerId, action, correlationId: 'c7' }, at(7));

    const batchGets = vi.spyOn(documents, 'batchGet');
    const page = await search({
      action,
      from: day.toISOString(),
      to: new Date(day.getTime() + 86_400_000 - 1).toISOString(),
    });
    const batches = batchGets.mock.calls.map(([input]) =>
      Object.values(input.RequestItems ?? {}).flatMap((request) => request.Keys ?? []),
    );
    batchGets.mockRestore();

    expect(page.status).toBe(200);
    const shown = page.body.items.map(({ actor, actorKind, actorName, actorEmail }) => ({
      actor,
      actorKind,
      actorName,
      actorEmail,
    }));
    expect(shown).toEqual([
      { actor: `customer:${customerId}`, actorKind: 'member', actorName: undefined, actorEmail: undefined },
      { actor: 'unidentified', actorKind: 'unidentified', actorName: undefined, actorEmail: undefined },
      { actor: 'system', actorKind: 'system', actorName: undefined, actorEmail: undefined },
      { actor: nobody, actorKind: 'staff', actorName: undefined, actorEmail: undefined },
      { actor: liNa.staffId, actorKind: 'staff', actorName: 'Li Na', actorEmail: liNa.email },
      { actor: zhangWei.staffId, actorKind: 'staff', actorName: 'Zhang Wei', actorEmail: zhangWei.email },
      { actor: liNa.staffId, actorKind: 'staff', actorName: 'Li Na', actorEmail: liNa.email },
    ]);
    // One batch for the page, each staff id in it once: not a read per entry.
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((key) => key.pk).sort()).toEqual(
      [liNa.staffId, zhangWei.staffId, nobody].map((id) => `STAFF#${id}`).sort(),
    );
  });

  it('finds what a staff member did by the email they sign in with, in any case, and asks for it when a name is shared', async () => {
    const day = programmeDayStart(-806);
    const period = { from: day.toISOString(), to: new Date(day.getTime() + 86_400_000 - 1).toISOString() };
    const liNa = await staffMember('Li Na');
    const other = await staffMember('Li Na');
    for (const [i, { actor }] of [liNa, other, liNa].entries())
      await recordStaffAction(
        {
          actor,
          action: 'reward.create',
          target: rewardAuditSubject.target(`r-${i}`),
          after: { name: 'Coffee for two' },
          correlationId: `by-email-${i}`,
        },
        new Date(day.getTime() + 3_600_000 + i * 60_000),
      );

    const byEmail = await search({ ...period, actor: liNa.email.toUpperCase() });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.items.map((item) => [item.correlationId, item.actor, item.actorEmail])).toEqual([
      ['by-email-2', liNa.staffId, liNa.email],
      ['by-email-0', liNa.staffId, liNa.email],
    ]);
    expect(byEmail.body.items[0]!.after).toEqual({ name: 'Coffee for two' });
    // Paged, the cursor of a search by email continues it.
    const first = await search({ ...period, actor: liNa.email, limit: '1' });
    const second = await search({ ...period, actor: liNa.email, limit: '1', cursor: first.body.nextCursor! });
    expect([...first.body.items, ...second.body.items].map((item) => item.correlationId)).toEqual([
      'by-email-2',
      'by-email-0',
    ]);

    const byNobody = await search({ ...period, actor: `${unique('nobody')}@sbm-plaza.cn` });
    expect(byNobody).toMatchObject({ status: 200, body: { items: [] } });
    // Two staff members are named Li Na: the name alone cannot say whose actions are meant.
    const shared = await search({ ...period, actor: 'li na' });
    expect(shared).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(JSON.stringify(shared.body)).toContain('query.actor');
    const byUnknownName = await search({ ...period, actor: `${unique('李')} 娜` });
    expect(byUnknownName).toMatchObject({ status: 200, body: { items: [] } });
  });

  it('finds what a staff member did by their name on the staff list, in any case, trimmed', async () => {
    const day = programmeDayStart(-808);
    const period = { from: day.toISOString(), to: new Date(day.getTime() + 86_400_000 - 1).toISOString() };
    const name = `Zhou ${unique('Min')}`;
    const zhouMin = await staffMember(name);
    const someoneElse = await staffMember(`Zhou ${unique('Min')}`);
    for (const [i, { actor }] of [zhouMin, someoneElse].entries())
      await recordStaffAction(
        {
          actor,
          action: 'reward.create',
          target: rewardAuditSubject.target(`by-name-${i}`),
          after: { name: 'Coffee for two' },
          correlationId: `by-name-${i}`,
        },
        new Date(day.getTime() + 3_600_000 + i * 60_000),
      );

    const byName = await search({ ...period, actor: `  ${name.toUpperCase()} ` });
    expect(byName.status).toBe(200);
    expect(byName.body.items.map((item) => [item.correlationId, item.actorName])).toEqual([
      ['by-name-0', name],
    ]);
  });

  it("keeps a member's personal data masked and a reward's name as it is", async () => {
    const day = programmeDayStart(-807);
    const staff = await staffMember('Wang Fang');
    const state = { name: 'Wang Fang', phone: '13800138000', nested: { birthday: '1988-08-08' } };
    const customerId = unique('member');
    await recordStaffAction(
      {
        actor: staff.actor,
        action: 'test.masking',
        target: customerAuditSubject.target(customerId),
        after: state,
        correlationId: 'member',
      },
      new Date(day.getTime() + 3_600_000),
    );
    await recordStaffAction(
      {
        actor: staff.actor,
        action: 'test.masking',
        target: rewardAuditSubject.target(unique('r')),
        after: { name: 'Coffee for two', pointsCost: 100 },
        correlationId: 'reward',
      },
      new Date(day.getTime() + 3_660_000),
    );
    const page = await search({
      actor: staff.email,
      from: day.toISOString(),
      to: new Date(day.getTime() + 86_400_000 - 1).toISOString(),
    });
    expect(page.body.items.map((item) => [item.correlationId, item.after])).toEqual([
      ['reward', { name: 'Coffee for two', pointsCost: 100 }],
      ['member', { name: '***ng', phone: '***00', nested: { birthday: '***08' } }],
    ]);
  });
});

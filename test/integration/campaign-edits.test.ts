// Campaign edits against DynamoDB Local: an edit changes the terms it sends and nothing else, and never
// undoes a status change made while it was under way.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { campaignDefinitionSchema } from '../../lib/campaigns/model';
import { changeCampaignStatus, createCampaign, getCampaign } from '../../lib/campaigns/store';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { programmeDayStart } from '../support/calendar';
import { apiEvent, lambdaContext } from '../support/lambda';
import { staffCaller } from '../support/staff';
import { unique } from '../support/members';

afterEach(() => vi.restoreAllMocks());

let staff: Record<string, string>;
beforeAll(async () => {
  staff = await staffCaller(['marketer']);
});

/** A campaign whose every term differs from what a new campaign would get by default. */
async function campaignWithEveryTermSet(status?: 'activate') {
  const created = await createCampaign(
    campaignDefinitionSchema.parse({
      name: unique('edited'),
      description: 'Spend 200, get 50',
      trigger: { kind: 'purchase' },
      conditions: { stores: [unique('store')], minSpend: 20_000 },
      effects: { bonusPoints: { kind: 'fixed', points: 50 } },
      limits: { perCustomer: { count: 1, per: 'day' } },
      priority: 7,
      exclusive: true,
      optIn: true,
      visibleToMembers: false,
      startsAt: programmeDayStart(1).toISOString(),
      endsAt: programmeDayStart(30).toISOString(),
    }),
  );
  if (status) await changeCampaignStatus(created.campaignId, status);
  return (await getCampaign(created.campaignId))!;
}

/** The campaign's item as stored, every attribute of it. */
async function storedItem(campaignId: string) {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: { pk: `CAMPAIGN#${campaignId}`, sk: 'META' },
    ConsistentRead: true,
  });
  expect(Item).toBeDefined();
  return Item!;
}

async function edit(campaignId: string, body: unknown) {
  const { handler } = await import('../../functions/campaigns/update-campaign');
  const response = await handler(
    {
      ...apiEvent({
        method: 'PUT',
        path: `/v1/admin/campaigns/${campaignId}`,
        authorizer: staff,
        body: JSON.stringify(body),
      }),
      pathParameters: { campaignId },
    },
    lambdaContext(),
  );
  return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, unknown> };
}

describe('PUT /v1/admin/campaigns/{campaignId}', () => {
  it.each([
    ['name', 'Spend more'],
    ['description', ''],
    ['conditions', { minSpend: 30_000 }],
    ['effects', { bonusPoints: { kind: 'multiplier', factor: 2 } }],
    ['limits', {}],
    ['priority', 100],
    ['exclusive', false],
    ['optIn', false],
    ['visibleToMembers', true],
    ['startsAt', programmeDayStart(2).toISOString()],
    ['endsAt', programmeDayStart(60).toISOString()],
  ])('changes %s and leaves every other term as it was', async (term, value) => {
    const before = await campaignWithEveryTermSet();
    const storedBefore = await storedItem(before.campaignId);
    const response = await edit(before.campaignId, {
      definition: { [term]: value },
      version: before.version,
    });
    expect(response.status).toBe(200);
    // As stored, every attribute: the edited term alone changed, and the time of the change.
    const storedAfter = await storedItem(before.campaignId);
    expect(storedAfter.definition).toEqual({ ...(storedBefore.definition as object), [term]: value });
    expect({ ...storedAfter, definition: undefined, updatedAt: undefined }).toEqual({
      ...storedBefore,
      definition: undefined,
      updatedAt: undefined,
    });
  });

  it('reads a new time with an offset, and makes an active campaign a new version', async () => {
    const before = await campaignWithEveryTermSet('activate');
    const endsAt = new Date(programmeDayStart(45).getTime()).toISOString().replace('Z', '+00:00');
    const response = await edit(before.campaignId, { definition: { endsAt }, version: before.version });
    expect(response.status).toBe(200);
    expect(await getCampaign(before.campaignId)).toMatchObject({
      status: 'active',
      version: before.version + 1,
      definition: { ...before.definition, endsAt: programmeDayStart(45).toISOString() },
    });
  });

  it('refuses an edit that breaks the campaign, naming the field, and changes nothing', async () => {
    const before = await campaignWithEveryTermSet();
    const endsBeforeStart = await edit(before.campaignId, {
      definition: { endsAt: programmeDayStart(0).toISOString() },
      version: before.version,
    });
    expect(endsBeforeStart).toMatchObject({
      status: 400,
      body: {
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'body.definition.endsAt', message: 'endsAt must be after startsAt' }],
      },
    });
    const notForBirthdays = await edit(before.campaignId, {
      definition: { trigger: { kind: 'birthday' } },
      version: before.version,
    });
    expect(notForBirthdays.status).toBe(400);
    expect(notForBirthdays.body.errors).toEqual(
      expect.arrayContaining([
        {
          field: 'body.definition.conditions.minSpend',
          message: 'minSpend applies to purchase campaigns only',
        },
      ]),
    );
    const nothing = await edit(before.campaignId, { definition: {}, version: before.version });
    expect(nothing).toMatchObject({ status: 400, body: { errors: [{ field: 'body.definition' }] } });
    expect(await getCampaign(before.campaignId)).toEqual(before);
  });

  it('keeps a pause made between the read and the write of an edit, and makes the edit on top of it', async () => {
    const before = await campaignWithEveryTermSet('activate');
    const transactWrite = documents.transactWrite.bind(documents);
    let paused = false;
    vi.spyOn(documents, 'transactWrite').mockImplementation(async (input) => {
      // Staff pause the campaign just as the edit, having read it active, writes.
      if (!paused) {
        paused = true;
        await changeCampaignStatus(before.campaignId, 'pause');
      }
      return transactWrite(input);
    });
    const response = await edit(before.campaignId, {
      definition: { priority: 300 },
      version: before.version,
    });
    expect(response.status).toBe(200);
    expect(await getCampaign(before.campaignId)).toMatchObject({
      status: 'paused',
      version: before.version + 1,
      definition: { ...before.definition, priority: 300 },
    });
  });
});

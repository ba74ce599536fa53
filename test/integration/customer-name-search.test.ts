// Finding members by name against DynamoDB Local: the name index follows every rename and erasure in the
// profile's own transaction, pages through its gsi1 partition with sealed cursors, and the route refuses
// a name search to staff who may not see names.
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { documents, queryAll } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { namePrefixes } from '../../lib/customers/name-index';
import {
  customerKey,
  erasePersonalData,
  findCustomersByName,
  findOrRegisterCustomer,
  indexEarlierName,
  updateProfile,
} from '../../lib/customers/repository';
import { handler as searchCustomers } from '../../functions/customers/search-customers';
import { apiEvent, lambdaContext } from '../support/lambda';
import { unique } from '../support/members';
import { staffCaller } from '../support/staff';

/** Two CJK characters no other test's member is named with: a surname of this test's own. */
const uniqueSurname = () =>
  String.fromCodePoint(0x4e00 + randomInt(20_000)) +
  String.fromCodePoint(0x4e00 + randomInt(20_000)) +
  String.fromCodePoint(0x4e00 + randomInt(20_000));

const newMember = async () =>
  (await findOrRegisterCustomer({ openid: unique('openid-name') })).record.customerId;

const idsFound = async (query: string) =>
  (await findCustomersByName(query, { limit: 100 })).records.map((record) => record.customerId);

/** The prefixes a member is indexed under now, as digests. */
const indexItemsOf = async (customerId: string) =>
  queryAll({
    TableName: tableNameFromEnv('main'),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': `NAMEINDEX#${customerId}` },
  });

describe('the name index', () => {
  it('finds a member by any start of their name, and follows a rename at once', async () => {
    const surname = uniqueSurname();
    const customerId = await newMember();
    await updateProfile(customerId, { name: `${surname}小明` });
    expect(await idsFound(surname.slice(0, 1))).toContain(customerId);
    expect(await idsFound(`${surname}小明`)).toEqual([customerId]);

    await updateProfile(customerId, { name: `${surname}小红`, birthday: '1990-01-02' });
    expect(await idsFound(`${surname}小明`)).toEqual([]);
    expect(await idsFound(`${surname}小红`)).toEqual([customerId]);
    expect(await indexItemsOf(customerId)).toHaveLength(namePrefixes(`${surname}小红`).length);
  });

  it('finds Latin names whatever their case, width, accents and spaces, and by a later word', async () => {
    const word = `Zö${unique('n').slice(-8)}`;
    const customerId = await newMember();
    await updateProfile(customerId, { name: `${word} Núñez` });
    const plain = word.replace('ö', 'o').toUpperCase();
    expect(await idsFound(`${plain} nu`)).toEqual([customerId]);
    expect(await idsFound(`${plain}NUNEZ`)).toEqual([customerId]);
    expect(await idsFound(`nunez`)).toContain(customerId);
  });

  it('forgets an erased member: every index item goes in the erasure', async () => {
    const surname = uniqueSurname();
    const customerId = await newMember();
    await updateProfile(customerId, { name: `${surname}丽` });
    expect(await indexItemsOf(customerId)).not.toHaveLength(0);
    await erasePersonalData(customerId);
    expect(await indexItemsOf(customerId)).toEqual([]);
    expect(await idsFound(surname)).toEqual([]);
  });

  it('pages through members sharing a prefix, in registration order, each once', async () => {
    const surname = uniqueSurname();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const customerId = await newMember();
      await updateProfile(customerId, { name: `${surname}${i}` });
      ids.push(customerId);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await findCustomersByName(surname, { limit: 2, cursor });
      seen.push(...page.records.map((record) => record.customerId));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([...ids].sort());
    // A cursor opens only the list it came from.
    const first = await findCustomersByName(surname, { limit: 2 });
    await expect(
      findCustomersByName(uniqueSurname(), { limit: 2, cursor: first.nextCursor! }),
    ).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });

  it('ends racing renames with the index of the name the profile kept, and no other', async () => {
    const surname = uniqueSurname();
    const customerId = await newMember();
    await updateProfile(customerId, { name: `${surname}甲` });
    const names = ['乙', '丙', '丁', '戊', '己'].map((given) => `${surname}${given}`);
    await Promise.all(names.map((name) => updateProfile(customerId, { name })));
    const { Item } = await documents.get({
      TableName: tableNameFromEnv('main'),
      Key: customerKey(customerId),
    });
    const kept = String(Item!.name);
    expect(names).toContain(kept);
    expect(await indexItemsOf(customerId)).toHaveLength(namePrefixes(kept).length);
    for (const name of names) expect(await idsFound(name)).toEqual(name === kept ? [customerId] : []);
  });

  it('indexes a member named before the index existed, once reindexed', async () => {
    const surname = uniqueSurname();
    const customerId = await newMember();
    await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: customerKey(customerId),
      UpdateExpression: 'SET #name = :name',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: { ':name': `${surname}早` },
    });
    expect(await idsFound(surname)).toEqual([]);
    expect(await indexEarlierName(customerId)).toBe(true);
    expect(await indexEarlierName(customerId)).toBe(true);
    expect(await idsFound(surname)).toEqual([customerId]);
    expect(await indexItemsOf(customerId)).toHaveLength(namePrefixes(`${surname}早`).length);
  });
});

describe('GET /v1/admin/customers?name=', () => {
  const search = async (roles: Parameters<typeof staffCaller>[0], query: Record<string, string>) =>
    searchCustomers(
      apiEvent({ method: 'GET', path: '/v1/admin/customers', query, authorizer: await staffCaller(roles) }),
      lambdaContext(),
    );

  it('answers staff with customers:pii, and refuses the others (403) before reading anything', async () => {
    const surname = uniqueSurname();
    const customerId = await newMember();
    await updateProfile(customerId, { name: `${surname}娜` });
    const found = await search(['support'], { name: surname });
    expect(found.statusCode, found.body).toBe(200);
    expect(JSON.parse(found.body)).toMatchObject({ items: [{ id: customerId, name: `${surname}娜` }] });

    const refused = await search(['marketer'], { name: surname });
    expect(refused.statusCode).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('takes a phone or a name, not both and not neither', async () => {
    expect((await search(['support'], {})).statusCode).toBe(400);
    expect((await search(['support'], { name: '王', phone: '13800000000' })).statusCode).toBe(400);
    expect((await search(['support'], { name: '·-' })).statusCode).toBe(400);
  });
});

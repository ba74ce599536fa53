// One WeChat person, one member, against DynamoDB Local: the unionid links the mini program's member to
// the Official Account's web sign-in whichever comes first, or both at once, and members from before
// unionids were kept get theirs at their next sign-in.
import { describe, expect, it } from 'vitest';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import {
  erasePersonalData,
  findOrRegisterCustomer,
  findOrRegisterWeChatMember,
  getCustomerRecord,
} from '../../lib/customers/repository';

const person = () => Math.random().toString(36).slice(2);
const claimOf = async (pk: string, sk: string) =>
  (await documents.get({ TableName: tableNameFromEnv('main'), Key: { pk, sk }, ConsistentRead: true })).Item
    ?.customerId as string | undefined;

describe('linking WeChat sign-ins by unionid', () => {
  it('finds the mini program’s member when the same person signs in on the web pages', async () => {
    const p = person();
    const mini = await findOrRegisterCustomer({ openid: `openid-${p}`, unionid: `union-${p}` });
    const web = await findOrRegisterWeChatMember({
      app: 'official-account',
      openid: `oa-${p}`,
      unionid: `union-${p}`,
    });
    expect(web.created).toBe(false);
    expect(web.record.customerId).toBe(mini.record.customerId);
    expect(web.record).toMatchObject({ openid: `openid-${p}`, officialAccountOpenid: `oa-${p}` });
    expect(await claimOf(`OAOPENID#oa-${p}`, 'OAOPENID')).toBe(mini.record.customerId);
    expect(await claimOf(`UNIONID#union-${p}`, 'UNIONID')).toBe(mini.record.customerId);
  });

  it('finds the web pages’ member when the person then opens the mini program, and links its openid', async () => {
    const p = person();
    const web = await findOrRegisterWeChatMember({
      app: 'official-account',
      openid: `oa-${p}`,
      unionid: `union-${p}`,
    });
    expect(web.created).toBe(true);
    expect(web.record.channel).toBe('wechat-official-account');
    expect(web.record.openid).toBeUndefined();
    const mini = await findOrRegisterCustomer({ openid: `openid-${p}`, unionid: `union-${p}` });
    expect(mini.created).toBe(false);
    expect(mini.record.customerId).toBe(web.record.customerId);
    expect(mini.record.openid).toBe(`openid-${p}`);
    expect(await claimOf(`OPENID#openid-${p}`, 'OPENID')).toBe(web.record.customerId);
    // The mini program's openid is indexed as a profile registered there is (gsi1).
    const { Item } = await documents.get({
      TableName: tableNameFromEnv('main'),
      Key: { pk: `CUSTOMER#${web.record.customerId}`, sk: 'PROFILE' },
    });
    expect(Item).toMatchObject({ gsi1pk: `OPENID#openid-${p}`, gsi1sk: 'CUSTOMER' });
  });

  it('attaches the unionid to a member from before unionids were kept, at their next mini program sign-in', async () => {
    const p = person();
    const legacy = await findOrRegisterCustomer({ openid: `openid-${p}` });
    expect(legacy.record.unionid).toBeUndefined();
    const next = await findOrRegisterCustomer({ openid: `openid-${p}`, unionid: `union-${p}` });
    expect(next.record).toMatchObject({ customerId: legacy.record.customerId, unionid: `union-${p}` });
    const web = await findOrRegisterWeChatMember({
      app: 'official-account',
      openid: `oa-${p}`,
      unionid: `union-${p}`,
    });
    expect(web.record.customerId).toBe(legacy.record.customerId);
  });

  it('makes one member of first sign-ins racing in both apps', async () => {
    const p = person();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2
          ? findOrRegisterCustomer({ openid: `openid-${p}`, unionid: `union-${p}` })
          : findOrRegisterWeChatMember({ app: 'official-account', openid: `oa-${p}`, unionid: `union-${p}` }),
      ),
    );
    const ids = new Set(results.map((result) => result.record.customerId));
    expect(ids.size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    const [id] = [...ids];
    expect(await getCustomerRecord(id!)).toMatchObject({
      openid: `openid-${p}`,
      officialAccountOpenid: `oa-${p}`,
      unionid: `union-${p}`,
    });
  });

  it('keeps a web sign-in without a unionid apart: nothing says it is the mini program’s member', async () => {
    const p = person();
    const mini = await findOrRegisterCustomer({ openid: `openid-${p}`, unionid: `union-${p}` });
    const web = await findOrRegisterWeChatMember({ app: 'official-account', openid: `oa-${p}` });
    expect(web.record.customerId).not.toBe(mini.record.customerId);
  });

  it('lets go of every WeChat claim of an erased member, so the person starts afresh', async () => {
    const p = person();
    const first = await findOrRegisterCustomer({ openid: `openid-${p}`, unionid: `union-${p}` });
    await findOrRegisterWeChatMember({ app: 'official-account', openid: `oa-${p}`, unionid: `union-${p}` });
    await erasePersonalData(first.record.customerId);
    expect(await claimOf(`UNIONID#union-${p}`, 'UNIONID')).toBeUndefined();
    expect(await claimOf(`OAOPENID#oa-${p}`, 'OAOPENID')).toBeUndefined();
    const again = await findOrRegisterWeChatMember({
      app: 'official-account',
      openid: `oa-${p}`,
      unionid: `union-${p}`,
    });
    expect(again.created).toBe(true);
    expect(again.record.customerId).not.toBe(first.record.customerId);
  });
});

// Member registration against DynamoDB Local: one member per openid, however the logins race.
import { describe, expect, it } from 'vitest';
import { findOrRegisterCustomer, getCustomerRecord, updateProfile } from '../../lib/customers/repository';

const uniqueOpenid = () => `openid-it-${Math.random().toString(36).slice(2)}`;

describe('findOrRegisterCustomer', () => {
  it('registers a new member once and finds it afterwards', async () => {
    const openid = uniqueOpenid();
    const first = await findOrRegisterCustomer({ openid, unionid: 'union-1' });
    const second = await findOrRegisterCustomer({ openid });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.record.customerId).toBe(first.record.customerId);
    expect(second.record.unionid).toBe('union-1');
    expect(first.record.registration).toEqual({
      eventId: `CustomerRegistered-${first.record.customerId}`,
      published: false,
    });
  });

  it('creates exactly one member when 20 sign-ins race', async () => {
    const openid = uniqueOpenid();
    const results = await Promise.all(Array.from({ length: 20 }, () => findOrRegisterCustomer({ openid })));
    expect(new Set(results.map((result) => result.record.customerId)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
  });
});

describe('updateProfile', () => {
  it('records consent with its version and time, and leaves other fields alone', async () => {
    const { record } = await findOrRegisterCustomer({ openid: uniqueOpenid() });
    const now = new Date('2026-11-11T08:00:00.000Z');
    const updated = await updateProfile(record.customerId, { name: 'Li Wei', marketingConsent: true }, now);
    expect(updated).toMatchObject({
      name: 'Li Wei',
      marketingConsent: { granted: true, version: '2026-11', recordedAt: now.toISOString() },
    });
    await updateProfile(record.customerId, { gender: 'female' });
    expect(await getCustomerRecord(record.customerId)).toMatchObject({ name: 'Li Wei', gender: 'female' });
  });

  it('answers undefined for a member who does not exist, creating nothing', async () => {
    expect(await updateProfile('no-such-member', { name: 'Ghost' })).toBeUndefined();
    expect(await getCustomerRecord('no-such-member')).toBeUndefined();
  });
});

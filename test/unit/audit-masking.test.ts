// What the audit trail keeps of a target's state: personal data masked by what the target is, not by what
// a field is called, so staff read a reward's or a store's name as it is and never a member's.
import { describe, expect, it } from 'vitest';
import { auditedState, defineAuditSubject, targetName } from '../../lib/audit/subjects';
import { staffAuditSubject } from '../../lib/auth/staff';
import { campaignAuditSubject } from '../../lib/campaigns/model';
import { customerAuditSubject } from '../../lib/customers/profile';
import { programmeConfigAuditSubject } from '../../lib/loyalty/tier-store';
import { storeAuditSubject } from '../../lib/pos/schemas';
import { posKeyAuditSubject } from '../../lib/pos/stores';
import { rewardAuditSubject } from '../../lib/rewards/schemas';
import { maskPiiReplacer } from '../../lib/observability/pii';

/** One shape of state, with a name, a phone and a birthday at the top and deeper down. */
const state = {
  name: 'Coffee for two',
  phone: '13800138000',
  birthday: '1988-08-08',
  details: { name: 'Wang Fang', contacts: [{ phone: '13912345678' }] },
  points: 100,
};

describe('the state an audit entry keeps', () => {
  it.each([
    ['reward', rewardAuditSubject],
    ['campaign', campaignAuditSubject],
    ['store', storeAuditSubject],
    ['tier ladder', programmeConfigAuditSubject],
  ])("shows a %s's names as they are, at any depth", (_, subject) => {
    expect(auditedState(subject, state)).toEqual(state);
  });

  it("masks a member's name, phone and birthday in the same shape, at any depth", () => {
    expect(auditedState(customerAuditSubject, state)).toEqual({
      name: '***wo',
      phone: '***00',
      birthday: '***08',
      details: { name: '***ng', contacts: [{ phone: '***78' }] },
      points: 100,
    });
  });

  it("masks a member's WeChat identities and everything within a personal field that holds an object", () => {
    const kept = auditedState(customerAuditSubject, {
      openid: 'openid-alice',
      unionid: 'union-alice',
      name: { family: 'Wang', given: 'Fang' },
      phone: null,
      customerId: '01JD3Q8Z6W4K9T2M5N7P1R3S5V',
    });
    expect(kept).toEqual({
      openid: '***ce',
      unionid: '***ce',
      name: { family: '***', given: '***' },
      phone: null,
      customerId: '01JD3Q8Z6W4K9T2M5N7P1R3S5V',
    });
  });

  it("shows a staff member's name and email to the admins who read the trail, and never keeps a password or its hash", () => {
    const kept = auditedState(staffAuditSubject, {
      id: 's-1',
      name: 'Zhang Wei',
      email: 'zhang.wei@sbm-plaza.cn',
      passwordHash: 'scrypt$abc$def',
      nested: { password: 'B1-017 opens at ten' },
    });
    expect(kept).toEqual({ id: 's-1', name: 'Zhang Wei', email: 'zhang.wei@sbm-plaza.cn', nested: {} });
  });

  it("never keeps a POS key's secret", () => {
    expect(auditedState(posKeyAuditSubject, { keyId: 'k', secret: { iv: 'x', data: 'y' } })).toEqual({
      keyId: 'k',
    });
  });

  it('keeps nothing for a state not given, and states as JSON (dates as ISO text, undefined dropped)', () => {
    expect(auditedState(rewardAuditSubject, undefined)).toBeUndefined();
    expect(
      auditedState(rewardAuditSubject, { at: new Date('2026-12-06T00:00:00.000Z'), gone: undefined }),
    ).toEqual({ at: '2026-12-06T00:00:00.000Z' });
  });

  it('names its target as kind:id, as the trail keeps and searches it', () => {
    expect(targetName(rewardAuditSubject.target('r-1'))).toBe('reward:r-1');
    expect(targetName(defineAuditSubject('queue').target('pos:m-1'))).toBe('queue:pos:m-1');
  });
});

describe('the log replacer, unlike the audit', () => {
  it('still masks every field called name, whatever it names: logs stay masked by field name', () => {
    expect(JSON.parse(JSON.stringify({ reward: { name: 'Coffee for two' } }, maskPiiReplacer))).toEqual({
      reward: { name: '***wo' },
    });
  });
});

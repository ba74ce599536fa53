// The holdout assignment: a pure function of campaign, member and share, checked for its statistical shape.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { holdoutBucket, isHeldOut } from '../../lib/campaigns/holdout';
import { campaignDefinitionSchema, campaignChangesSchema } from '../../lib/campaigns/definition';

const members = Array.from({ length: 20_000 }, (_, i) => `01JD${String(i).padStart(22, '0')}`);
const heldOutShare = (campaignId: string, percent: number) =>
  members.filter((customerId) => isHeldOut(campaignId, customerId, percent)).length / members.length;

describe('isHeldOut', () => {
  it('answers the same for the same campaign and member, every time', () => {
    const first = members.slice(0, 500).map((id) => isHeldOut('CAMPAIGN-A', id, 10));
    const again = members.slice(0, 500).map((id) => isHeldOut('CAMPAIGN-A', id, 10));
    expect(again).toEqual(first);
    expect(first).toContain(true);
    expect(first).toContain(false);
  });

  it('takes the bucket from the first four bytes of SHA-256 of campaign:member', () => {
    // Reckoned here by hand from the digest, so the key's form and the byte order are pinned.
    const expected = createHash('sha256').update('c:m').digest().readUInt32BE(0) % 10_000;
    expect(holdoutBucket('c', 'm')).toBe(expected);
    expect(isHeldOut('c', 'm', (expected + 1) / 100)).toBe(true);
    expect(isHeldOut('c', 'm', expected / 100)).toBe(false);
  });

  it.each([0.5, 5, 10, 12.5, 33.3, 50])('holds out about %s%% of 20,000 members', (percent) => {
    // Binomial standard deviation at n = 20,000 is at most 0.35 points; four of them is a safe band.
    expect(Math.abs(heldOutShare('01JDCAMPAIGN0000000000001', percent) * 100 - percent)).toBeLessThan(1.4);
  });

  it('holds out a larger share only by adding members: a member held out at 10% is held out at 20%', () => {
    for (const id of members.slice(0, 2000))
      if (isHeldOut('CAMPAIGN-A', id, 10)) expect(isHeldOut('CAMPAIGN-A', id, 20)).toBe(true);
  });

  it('draws each campaign’s group independently of another’s', () => {
    const a = members.filter((id) => isHeldOut('CAMPAIGN-A', id, 50));
    const inBoth = a.filter((id) => isHeldOut('CAMPAIGN-B', id, 50)).length;
    // Independent halves overlap on about a quarter of all members, not on the whole half.
    expect(inBoth / members.length).toBeGreaterThan(0.23);
    expect(inBoth / members.length).toBeLessThan(0.27);
  });

  it('holds out nobody at 0 or without a holdout, and about half at 50', () => {
    expect(heldOutShare('CAMPAIGN-A', 0)).toBe(0);
    expect(members.some((id) => isHeldOut('CAMPAIGN-A', id, undefined))).toBe(false);
    expect(heldOutShare('CAMPAIGN-A', 50)).toBeGreaterThan(0.48);
    expect(heldOutShare('CAMPAIGN-A', 50)).toBeLessThan(0.52);
  });
});

describe('holdoutPercent in the definition', () => {
  const base = {
    name: 'Double points',
    trigger: { kind: 'purchase' },
    effects: { bonusPoints: { kind: 'fixed', points: 10 } },
    startsAt: '2026-12-01T00:00:00Z',
    endsAt: '2026-12-08T00:00:00Z',
  };
  it.each([0.1, 1, 12.5, 50])('accepts %s', (holdoutPercent) => {
    expect(campaignDefinitionSchema.parse({ ...base, holdoutPercent }).holdoutPercent).toBe(holdoutPercent);
  });
  it.each([0, -1, 50.1, 60, 12.25, '10'])('refuses %s', (holdoutPercent) => {
    const parsed = campaignDefinitionSchema.safeParse({ ...base, holdoutPercent });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['holdoutPercent']);
  });
  it('is optional: a campaign without one holds out nobody', () => {
    expect(campaignDefinitionSchema.parse(base).holdoutPercent).toBeUndefined();
  });
  it('can be removed by an edit with null', () => {
    expect(campaignChangesSchema.parse({ holdoutPercent: null }).holdoutPercent).toBeNull();
  });
});

// The capacity plan (cdk/README.md) counts EventBridge rule invocations per purchase from the manifest;
// a new consumer of a purchase's events changes the figure, and this test says where to update it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EventName } from '../../events/catalogue';
import { declarations } from '../../lib/manifest';

/** The events one credited POS purchase puts on the bus. */
const PURCHASE_EVENTS: EventName[] = ['PurchaseRecorded', 'PointsEarned'];

/** Each event matches one rule per consuming function, and the archive's rule (every catalogue event). */
const ruleInvocationsOf = (event: EventName) =>
  declarations().filter(([, d]) => d.trigger.kind === 'event' && d.trigger.events.includes(event)).length + 1;

describe('the capacity plan', () => {
  const perPurchase = PURCHASE_EVENTS.reduce((sum, event) => sum + ruleInvocationsOf(event), 0);

  it('counts the rule invocations of a purchase as the manifest wires them', () => {
    expect(perPurchase).toBe(6);
  });

  it('states that count and the rate it makes at 2,000 purchases a second', () => {
    const plan = readFileSync(new URL('../../cdk/README.md', import.meta.url), 'utf8');
    expect(plan).toContain(`${perPurchase} rule invocations a purchase`);
    expect(plan).toContain(`${(perPurchase * 2000).toLocaleString('en-US')} invocations/s`);
  });
});

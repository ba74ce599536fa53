// Which earning rules version is in force, scheduled or superseded: the choice the credit makes.
import type { EarningRulesVersion } from '@sbm/web-shared/api';
import { describe, expect, it } from 'vitest';
import { standingOf } from './versions';

const version = (n: number, effectiveFrom: string) => ({ version: n, effectiveFrom }) as EarningRulesVersion;

describe('earning rules versions', () => {
  it('puts in force the latest started version, the higher on a tie, and schedules the later ones', () => {
    const versions = [
      version(0, '1970-01-01T00:00:00.000Z'),
      version(1, '2026-11-30T16:00:00.000Z'),
      version(2, '2026-11-30T16:00:00.000Z'),
      version(3, '2027-01-01T00:00:00.000Z'),
    ];
    expect([...standingOf(versions, new Date('2026-12-06T00:00:00Z'))]).toEqual([
      [0, 'superseded'],
      [1, 'superseded'],
      [2, 'inForce'],
      [3, 'scheduled'],
    ]);
    expect(standingOf(versions, new Date('2026-11-30T15:59:59Z')).get(0)).toBe('inForce');
  });
});

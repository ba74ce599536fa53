// The audit drawer's before/after as key/value rows: nested states flattened by path, each field marked.
import { describe, expect, it } from 'vitest';
import { diffRows, leavesOf } from './diff';

describe('an audited state as rows', () => {
  it('flattens nested objects and lists by their path, keeping empty ones and nulls visible', () => {
    expect([
      ...leavesOf({
        name: '金卡',
        rules: { tierMultipliers: { gold: 1.5 } },
        benefits: ['停车'],
        none: [],
        at: null,
      }),
    ]).toEqual([
      ['name', '金卡'],
      ['rules.tierMultipliers.gold', '1.5'],
      ['benefits.0', '停车'],
      ['none', '[]'],
      ['at', '—'],
    ]);
    expect([...leavesOf(42)]).toEqual([['value', '42']]);
    expect(leavesOf(undefined).size).toBe(0);
  });

  it('marks each field added, removed, changed or the same', () => {
    expect(
      diffRows({ balance: 3280, name: '***娜', active: true }, { balance: 3780, name: '***娜', points: 500 }),
    ).toEqual([
      { field: 'balance', before: '3280', after: '3780', change: 'changed' },
      { field: 'name', before: '***娜', after: '***娜', change: 'same' },
      { field: 'active', before: 'true', after: undefined, change: 'removed' },
      { field: 'points', before: undefined, after: '500', change: 'added' },
    ]);
    expect(diffRows(undefined, undefined)).toEqual([]);
  });
});

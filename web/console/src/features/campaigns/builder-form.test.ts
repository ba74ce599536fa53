// The builder's form against the API's own campaign schema: what it sends, in fen and Shanghai time, and
// where each of the schema's complaints shows.
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import {
  changesFrom,
  definitionFromForm,
  formFromDefinition,
  serverFieldErrors,
  shanghaiWallClock,
  validateDefinition,
  type BuilderValues,
} from './builder-form';

// The message keys, with their values, stand for the translations.
const t = ((key: string, values?: Record<string, unknown>) =>
  values ? `${key} ${JSON.stringify(values)}` : key) as unknown as TFunction;

const doublePoints: BuilderValues = {
  name: 'Double points weekend',
  startsAt: dayjs('2026-12-12T00:00:00'),
  endsAt: dayjs('2026-12-14T00:00:00'),
  trigger: { kind: 'purchase' },
  conditions: { minSpend: 199.9, stores: ['plaza-b1-017'], daysOfWeek: [6, 7], hours: {} },
  effects: { bonusPoints: { kind: 'multiplier', factor: 2 } },
  limits: { perCustomer: { count: 1, per: 'day' } },
};

describe('the campaign builder form', () => {
  it('sends amounts in fen, times as Shanghai wall-clock moments, and leaves out what was not given', () => {
    expect(definitionFromForm(doublePoints)).toMatchObject({
      startsAt: '2026-12-12T00:00:00+08:00',
      endsAt: '2026-12-14T00:00:00+08:00',
      trigger: { kind: 'purchase' },
      conditions: { minSpend: 19_990, stores: ['plaza-b1-017'], daysOfWeek: [6, 7] },
      effects: { bonusPoints: { kind: 'multiplier', factor: 2 } },
      limits: { perCustomer: { count: 1, per: 'day' } },
    });
    expect(definitionFromForm(doublePoints).conditions).not.toHaveProperty('hours');
  });

  it('passes a whole campaign the API would take, and reads it back the same', () => {
    const checked = validateDefinition(doublePoints, t);
    expect(checked.errors).toBeUndefined();
    expect(checked.definition?.startsAt).toBe('2026-12-11T16:00:00.000Z');
    const again = formFromDefinition(checked.definition!);
    expect(again.startsAt?.format('YYYY-MM-DD HH:mm')).toBe('2026-12-12 00:00');
    expect(again.conditions?.minSpend).toBe(199.9);
    expect(definitionFromForm(again)).toMatchObject(definitionFromForm(doublePoints));
  });

  it('puts each complaint of the schema beside its field', () => {
    const checked = validateDefinition(
      {
        ...doublePoints,
        name: '',
        effects: { bonusPoints: { kind: 'fixed' } },
        conditions: { hours: { from: 5 } },
      },
      t,
    );
    expect(checked.errors).toEqual(
      expect.arrayContaining([
        { name: ['name'], errors: ['campaigns.errors.required'] },
        { name: ['effects', 'bonusPoints', 'points'], errors: ['campaigns.errors.required'] },
        { name: ['conditions', 'hours', 'to'], errors: ['campaigns.errors.required'] },
      ]),
    );
  });

  it('says what ties fields together beside the field to change', () => {
    const checked = validateDefinition(
      {
        ...doublePoints,
        trigger: { kind: 'registration' },
        endsAt: dayjs('2026-12-01T00:00:00'),
        conditions: { stores: ['plaza-b1-017'] },
      },
      t,
    );
    expect(checked.errors).toEqual(
      expect.arrayContaining([
        { name: ['endsAt'], errors: ['campaigns.errors.afterStart'] },
        { name: ['conditions', 'stores'], errors: ['campaigns.errors.purchaseOnly'] },
        { name: ['effects', 'bonusPoints', 'kind'], errors: ['campaigns.errors.fixedOnly'] },
      ]),
    );
  });

  it('asks for a reward when none is given', () => {
    const checked = validateDefinition({ ...doublePoints, effects: { bonusPoints: { kind: 'none' } } }, t);
    expect(checked.errors).toEqual([
      { name: ['effects', 'bonusPoints', 'kind'], errors: ['campaigns.errors.needEffect'] },
    ]);
  });

  it("places the API's own field problems on the form's fields", () => {
    expect(
      serverFieldErrors(
        [
          {
            field: 'body.definition.conditions.tiers[1]',
            message: 'must be a tier of the ladder (bronze, gold)',
          },
          { field: 'body.endsAt', message: 'must be after startsAt' },
        ],
        t,
      ),
    ).toEqual([
      { name: ['conditions', 'tiers'], errors: ['campaigns.errors.unknownTier'] },
      { name: ['endsAt'], errors: ['campaigns.errors.afterStart'] },
    ]);
  });

  it('sends a holdout given, reads it back, and sends none when the field is empty', () => {
    const checked = validateDefinition({ ...doublePoints, holdoutPercent: 12.5 }, t);
    expect(checked.definition?.holdoutPercent).toBe(12.5);
    expect(formFromDefinition(checked.definition!).holdoutPercent).toBe(12.5);
    for (const empty of [null, undefined])
      expect(definitionFromForm({ ...doublePoints, holdoutPercent: empty })).not.toHaveProperty(
        'holdoutPercent',
      );
  });

  it.each([
    [0, 'campaigns.errors.tooSmall {"minimum":0}'],
    [60, 'campaigns.errors.tooBig {"maximum":50}'],
    [12.25, 'campaigns.errors.oneDecimal'],
  ])('shows a holdout of %s beside its field', (holdoutPercent, text) => {
    expect(validateDefinition({ ...doublePoints, holdoutPercent }, t).errors).toEqual([
      { name: ['holdoutPercent'], errors: [text] },
    ]);
  });

  it('removes a stored holdout cleared in the form with null, as an edit keeps what it leaves out', () => {
    const stored = validateDefinition({ ...doublePoints, holdoutPercent: 10 }, t).definition!;
    const cleared = validateDefinition(doublePoints, t).definition!;
    expect(changesFrom(stored, cleared)).toMatchObject({ holdoutPercent: null });
    expect(changesFrom(cleared, cleared)).not.toHaveProperty('holdoutPercent');
    expect(changesFrom(stored, stored)).toMatchObject({ holdoutPercent: 10 });
  });

  it('sends a booking-attended campaign with its venue and party conditions, and reads it back the same', () => {
    const workshop: BuilderValues = {
      name: '50 points for attending a workshop',
      startsAt: dayjs('2026-12-12T00:00:00'),
      endsAt: dayjs('2026-12-31T00:00:00'),
      trigger: { kind: 'bookingAttended' },
      conditions: { venueKinds: ['event'], venues: [], minPartySize: 2, maxPartySize: null },
      effects: { bonusPoints: { kind: 'fixed', points: 50 } },
    };
    const checked = validateDefinition(workshop, t);
    expect(checked.errors).toBeUndefined();
    expect(checked.definition).toMatchObject({
      trigger: { kind: 'bookingAttended' },
      conditions: { venueKinds: ['event'], minPartySize: 2 },
      effects: { bonusPoints: { kind: 'fixed', points: 50 } },
    });
    expect(checked.definition?.conditions).not.toHaveProperty('venues');
    expect(checked.definition?.conditions).not.toHaveProperty('maxPartySize');
    expect(definitionFromForm(formFromDefinition(checked.definition!))).toMatchObject(
      definitionFromForm(workshop),
    );
  });

  it('says beside the field when booking conditions are on another trigger or the party range is upside down', () => {
    const purchase = validateDefinition(
      { ...doublePoints, conditions: { ...doublePoints.conditions, venueKinds: ['event'] } },
      t,
    );
    expect(purchase.errors).toEqual([
      { name: ['conditions', 'venueKinds'], errors: ['campaigns.errors.bookingOnly'] },
    ]);
    const upsideDown = validateDefinition(
      {
        ...doublePoints,
        trigger: { kind: 'bookingAttended' },
        conditions: { minPartySize: 4, maxPartySize: 2 },
        effects: { bonusPoints: { kind: 'fixed', points: 50 } },
      },
      t,
    );
    expect(upsideDown.errors).toEqual([
      { name: ['conditions', 'maxPartySize'], errors: ['campaigns.errors.partyRange'] },
    ]);
  });

  it("shows a stored moment as Shanghai's wall clock, whatever the browser's zone", () => {
    expect(shanghaiWallClock('2026-12-11T16:30:00.000Z').format('YYYY-MM-DD HH:mm')).toBe('2026-12-12 00:30');
  });
});

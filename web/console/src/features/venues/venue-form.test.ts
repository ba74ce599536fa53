// The venue form against the API's own venue schema: the body it sends on create and on edit, the venue it
// reads back, and where each complaint, the form's or the server's, shows.
import type { Venue } from '@sbm/web-shared/api';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import {
  checkVenueForm,
  createBodyFromForm,
  fieldOf,
  formFromVenue,
  isVersionConflict,
  MALL,
  newVenueForm,
  patchBodyFromForm,
  serverFieldErrors,
  type VenueFormValues,
} from './venue-form';

// The message keys, with their values, stand for the translations.
const t = ((key: string, values?: Record<string, unknown>) =>
  values ? `${key} ${JSON.stringify(values)}` : key) as unknown as TFunction;

const hotpot: Venue = {
  id: 'plaza-hotpot',
  name: '海底捞',
  description: 'Level 5',
  kind: 'restaurant',
  storeId: 'plaza-l5-002',
  status: 'active',
  timeZone: 'Asia/Shanghai',
  hours: {
    mon: [{ open: '11:00', close: '14:00' }],
    tue: [{ open: '11:00', close: '14:00' }],
    wed: [],
    thu: [{ open: '11:00', close: '14:00' }],
    fri: [
      { open: '11:00', close: '14:00' },
      { open: '17:00', close: '00:00' },
    ],
    sat: [{ open: '10:00', close: '22:00' }],
    sun: [{ open: '10:00', close: '22:00' }],
  },
  closedDates: ['2027-02-07', '2027-02-06'],
  specialHours: { '2027-01-01': [{ open: '12:00', close: '20:00' }], '2026-12-31': [] },
  slotMinutes: 90,
  minNoticeMinutes: 120,
  maxAdvanceDays: 30,
  freeCancellationMinutes: 120,
  noShowGraceMinutes: 15,
  strikePolicy: { strikes: 2.5, windowDays: 90, suspensionDays: 30 },
  capacity: {
    mode: 'resources',
    resources: [
      { id: 't2-1', name: '2人桌', seats: 2, active: true },
      { id: 't4-1', name: '4人桌', seats: 4, active: false },
    ],
  },
  createdAt: '2026-12-01T02:15:40.112Z',
  updatedAt: '2026-12-01T02:15:40.112Z',
  version: 4,
};

const withResources = (values: VenueFormValues): VenueFormValues => ({
  ...values,
  id: 'atrium-tables',
  name: ' 中庭餐桌 ',
  capacityMode: 'resources',
  resources: [
    { id: 'a1', name: 'Table A1', seats: 4, active: true, saved: false },
    { id: 'a2', name: 'Table A2', seats: 2, active: true, saved: false },
  ],
});

describe('the venue form', () => {
  it('creates a mall venue without a store, a store venue with its store, in the API body form', () => {
    const body = createBodyFromForm(withResources(newVenueForm(MALL)));
    expect(body).not.toHaveProperty('storeId');
    expect(body).not.toHaveProperty('description');
    expect(body).toMatchObject({
      id: 'atrium-tables',
      name: '中庭餐桌',
      kind: 'restaurant',
      status: 'active',
      slotMinutes: 60,
      strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 30 },
      capacity: {
        mode: 'resources',
        resources: [
          { id: 'a1', name: 'Table A1', seats: 4, active: true },
          { id: 'a2', name: 'Table A2', seats: 2, active: true },
        ],
      },
    });
    expect(body.hours.sun).toEqual([{ open: '10:00', close: '22:00' }]);
    // The form's own bookkeeping (which resources are saved) never reaches the API.
    expect(JSON.stringify(body)).not.toContain('saved');
    expect(createBodyFromForm({ ...newVenueForm('plaza-b1-017') }).storeId).toBe('plaza-b1-017');
    expect(createBodyFromForm(newVenueForm(MALL)).capacity).toEqual({ mode: 'pool', coversPerSlot: 10 });
  });

  it('reads a venue back into the same terms it was saved with', () => {
    const values = formFromVenue(hotpot);
    expect(values.store).toBe('plaza-l5-002');
    expect(values.closedDates).toEqual(['2027-02-06', '2027-02-07']);
    expect(values.specialHours.map((row) => row.date)).toEqual(['2026-12-31', '2027-01-01']);
    expect(values.resources.every((resource) => resource.saved)).toBe(true);
    const patch = patchBodyFromForm(values, hotpot);
    expect(patch).toEqual({
      name: hotpot.name,
      description: hotpot.description,
      status: hotpot.status,
      hours: hotpot.hours,
      closedDates: ['2027-02-06', '2027-02-07'],
      specialHours: hotpot.specialHours,
      slotMinutes: 90,
      minNoticeMinutes: 120,
      maxAdvanceDays: 30,
      freeCancellationMinutes: 120,
      noShowGraceMinutes: 15,
      strikePolicy: hotpot.strikePolicy,
      capacity: hotpot.capacity,
      version: 4,
    });
    // Neither the id, the kind nor the store is an edit the API takes.
    expect(patch).not.toHaveProperty('id');
    expect(patch).not.toHaveProperty('kind');
    expect(patch).not.toHaveProperty('storeId');
    expect(formFromVenue({ ...hotpot, storeId: undefined }).store).toBe(MALL);
  });

  it('sends the version it loaded, and removes a description that was emptied', () => {
    const values = { ...formFromVenue(hotpot), description: '  ' };
    expect(patchBodyFromForm(values, hotpot)).toMatchObject({ description: null, version: 4 });
    expect(patchBodyFromForm(values, { version: 7 })).not.toHaveProperty('description');
    expect(patchBodyFromForm(values, { version: 7 }).version).toBe(7);
  });

  it('passes a venue the API would take, and the edit of a stored one', () => {
    expect(checkVenueForm(withResources(newVenueForm(MALL)), t, { creating: true })).toEqual([]);
    expect(checkVenueForm(formFromVenue(hotpot), t, { creating: false })).toEqual([]);
  });

  it("puts each complaint of the API's schema beside its field", () => {
    const values = withResources(newVenueForm(MALL));
    const errors = checkVenueForm(
      {
        ...values,
        id: 'Atrium Tables',
        name: '',
        slotMinutes: 2,
        maxAdvanceDays: null,
        hours: {
          ...values.hours,
          mon: [{ open: '14:00', close: '11:00' }],
          tue: [
            { open: '10:00', close: '14:00' },
            { open: '13:00', close: '18:00' },
          ],
          wed: [{ open: '', close: '18:00' }],
        },
        strikePolicy: { strikes: 0, windowDays: 90, suspensionDays: 30 },
        resources: [
          { id: 'a1', name: 'A1', seats: 4, active: true, saved: false },
          { id: 'a1', name: '', seats: 0, active: true, saved: false },
        ],
      },
      t,
      { creating: true },
    );
    const at = (...name: (string | number)[]) =>
      errors.find((error) => JSON.stringify(error.name) === JSON.stringify(name))?.errors;
    expect(at('id')).toEqual(['venues.errors.idFormat']);
    expect(at('name')).toEqual(['venues.errors.required']);
    expect(at('slotMinutes')).toEqual(['venues.errors.tooSmall {"minimum":5}']);
    expect(at('maxAdvanceDays')).toEqual(['venues.errors.required']);
    expect(at('hours', 'mon', 0, 'close')).toEqual(['venues.errors.closeAfterOpen']);
    expect(at('hours', 'tue')).toEqual(['venues.errors.periodsOrder']);
    expect(at('hours', 'wed', 0, 'open')).toEqual(['venues.errors.time']);
    expect(at('strikePolicy', 'strikes')).toEqual(['venues.errors.tooSmall {"minimum":1}']);
    expect(at('resources', 1, 'id')).toEqual(['venues.errors.duplicateResource']);
    expect(at('resources', 1, 'name')).toEqual(['venues.errors.required']);
    expect(at('resources', 1, 'seats')).toEqual(['venues.errors.tooSmall {"minimum":1}']);
    expect(at('thu')).toBeUndefined();
  });

  it('asks for a resource in resources mode, and for each special date once', () => {
    const values = newVenueForm(MALL);
    const errors = checkVenueForm(
      {
        ...values,
        id: 'salon',
        name: 'Salon',
        capacityMode: 'resources',
        resources: [],
        specialHours: [
          { date: '2027-01-01', periods: [] },
          { date: '2027-01-01', periods: [{ open: '10:00', close: '12:00' }] },
          { date: '', periods: [] },
        ],
      },
      t,
      { creating: true },
    );
    expect(errors).toEqual([
      { name: ['specialHours', 1, 'date'], errors: ['venues.errors.duplicateDate'] },
      { name: ['specialHours', 2, 'date'], errors: ['venues.errors.required'] },
      { name: ['resources'], errors: ['venues.errors.needResource'] },
    ]);
  });

  it("shows the server's field problems on the fields they name", () => {
    const values = formFromVenue(hotpot);
    expect(
      serverFieldErrors(
        [
          {
            field: 'body.capacity.resources',
            message: 'resources must keep every resource of the venue; set active: false to retire t4-1',
          },
          { field: 'body.storeId', message: 'storeId names no active store (plaza-x)' },
          { field: 'body.specialHours.2027-01-01.0.close', message: 'close must close after it opens' },
          { field: 'body.closedDates.1', message: 'closedDates[1] must be a real date' },
          { field: 'body.slotMinutes', message: 'slotMinutes must be at most 1440' },
          { field: 'body.capacity.mode', message: 'capacity.mode cannot change once a venue is created' },
          { field: 'body.noShowGraceMinutes', message: 'noShowGraceMinutes is wrong somehow' },
        ],
        values,
        t,
      ),
    ).toEqual([
      { name: ['resources'], errors: ['venues.errors.keepResources'] },
      { name: ['store'], errors: ['venues.errors.unknownStore'] },
      { name: ['specialHours', 1, 'periods', 0, 'close'], errors: ['venues.errors.closeAfterOpen'] },
      { name: ['closedDates'], errors: ['venues.errors.realDate'] },
      { name: ['slotMinutes'], errors: ['venues.errors.tooBig {"maximum":1440}'] },
      { name: ['capacityMode'], errors: ['venues.errors.modeFixed'] },
      { name: ['noShowGraceMinutes'], errors: ['venues.errors.format'] },
    ]);
  });

  it('maps API paths to the form fields, a special date with no row to the list', () => {
    const values = formFromVenue(hotpot);
    expect(fieldOf(['capacity', 'resources', '1', 'seats'], values)).toEqual(['resources', 1, 'seats']);
    expect(fieldOf(['capacity', 'coversPerSlot'], values)).toEqual(['coversPerSlot']);
    expect(fieldOf(['specialHours', '2027-01-01'], values)).toEqual(['specialHours', 1, 'date']);
    expect(fieldOf(['specialHours', '2030-01-01'], values)).toEqual(['specialHours']);
    expect(fieldOf(['hours', 'fri', '1', 'open'], values)).toEqual(['hours', 'fri', 1, 'open']);
  });

  it('tells a version conflict from other refusals', () => {
    expect(isVersionConflict({ status: 409, code: 'VERSION_CONFLICT' })).toBe(true);
    expect(isVersionConflict({ status: 412, code: 'PRECONDITION_FAILED' })).toBe(true);
    expect(isVersionConflict({ status: 409, code: 'VENUE_EXISTS' })).toBe(false);
  });
});

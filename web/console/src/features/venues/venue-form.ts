import type { CreateVenueApiArg, FieldProblem, UpdateVenueApiArg, Venue } from '@sbm/web-shared/api';
import { venueSchema, WEEKDAYS, type VenueKind, type Weekday } from '@sbm/web-shared/contracts';
import type { TFunction } from 'i18next';

/** The store picker's choice for a venue of the mall's own: never a store id (ids have no `_`). */
export const MALL = '__mall__';

export interface PeriodValues {
  open: string;
  close: string;
}

export interface ResourceValues {
  id: string;
  name: string;
  seats: number | null;
  active: boolean;
  /** Saved with the venue: its id is fixed and it can only be deactivated, never removed. */
  saved: boolean;
}

/** What the venue form holds: the venue's terms, with special hours as rows and capacity split by mode. */
export interface VenueFormValues {
  id: string;
  name: string;
  description?: string;
  kind: VenueKind;
  /** A store id, or MALL. */
  store: string;
  status: 'active' | 'inactive';
  hours: Record<Weekday, PeriodValues[]>;
  closedDates: string[];
  specialHours: { date: string; periods: PeriodValues[] }[];
  slotMinutes: number | null;
  minNoticeMinutes: number | null;
  maxAdvanceDays: number | null;
  freeCancellationMinutes: number | null;
  noShowGraceMinutes: number | null;
  strikePolicy: { strikes: number | null; windowDays: number | null; suspensionDays: number | null };
  capacityMode: 'pool' | 'resources';
  coversPerSlot: number | null;
  resources: ResourceValues[];
}

type CreateBody = CreateVenueApiArg['body'];
type PatchBody = UpdateVenueApiArg['body'];

const everyDay = (periods: PeriodValues[]) =>
  Object.fromEntries(WEEKDAYS.map((day) => [day, periods.map((period) => ({ ...period }))])) as Record<
    Weekday,
    PeriodValues[]
  >;

/** A new venue's form: open 10:00–22:00 daily, hour slots, a pool of 10, the usual policies. */
export function newVenueForm(store: string): VenueFormValues {
  return {
    id: '',
    name: '',
    description: '',
    kind: 'restaurant',
    store,
    status: 'active',
    hours: everyDay([{ open: '10:00', close: '22:00' }]),
    closedDates: [],
    specialHours: [],
    slotMinutes: 60,
    minNoticeMinutes: 60,
    maxAdvanceDays: 30,
    freeCancellationMinutes: 120,
    noShowGraceMinutes: 15,
    strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 30 },
    capacityMode: 'pool',
    coversPerSlot: 10,
    resources: [],
  };
}

/** A stored venue as the form shows it for editing. */
export function formFromVenue(venue: Venue): VenueFormValues {
  return {
    id: venue.id,
    name: venue.name,
    description: venue.description ?? '',
    kind: venue.kind,
    store: venue.storeId ?? MALL,
    status: venue.status,
    hours: Object.fromEntries(
      WEEKDAYS.map((day) => [day, venue.hours[day].map(({ open, close }) => ({ open, close }))]),
    ) as Record<Weekday, PeriodValues[]>,
    closedDates: [...venue.closedDates].sort(),
    specialHours: Object.entries(venue.specialHours)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, periods]) => ({ date, periods: periods.map(({ open, close }) => ({ open, close })) })),
    slotMinutes: venue.slotMinutes,
    minNoticeMinutes: venue.minNoticeMinutes,
    maxAdvanceDays: venue.maxAdvanceDays,
    freeCancellationMinutes: venue.freeCancellationMinutes,
    noShowGraceMinutes: venue.noShowGraceMinutes,
    strikePolicy: { ...venue.strikePolicy },
    capacityMode: venue.capacity.mode,
    coversPerSlot: venue.capacity.mode === 'pool' ? venue.capacity.coversPerSlot : null,
    resources:
      venue.capacity.mode === 'resources'
        ? venue.capacity.resources.map((resource) => ({ ...resource, saved: true }))
        : [],
  };
}

// An empty number input is null in the form and absent from the body, so the API's schema says "required".
const numberOf = (value: number | null | undefined) => value ?? undefined;
const periodsOf = (periods: PeriodValues[] | undefined) =>
  (periods ?? []).map(({ open, close }) => ({ open: open ?? '', close: close ?? '' }));

/** The terms a venue is created with and edited by: everything but its id, kind, store and version. */
function termsFromForm(values: VenueFormValues) {
  return {
    name: (values.name ?? '').trim(),
    status: values.status,
    hours: Object.fromEntries(WEEKDAYS.map((day) => [day, periodsOf(values.hours?.[day])])) as Record<
      Weekday,
      PeriodValues[]
    >,
    closedDates: [...(values.closedDates ?? [])].sort(),
    specialHours: Object.fromEntries(
      // A row without its date is the form's to flag; the API would read it as a date "".
      (values.specialHours ?? []).filter((row) => row.date).map((row) => [row.date, periodsOf(row.periods)]),
    ),
    slotMinutes: numberOf(values.slotMinutes),
    minNoticeMinutes: numberOf(values.minNoticeMinutes),
    maxAdvanceDays: numberOf(values.maxAdvanceDays),
    freeCancellationMinutes: numberOf(values.freeCancellationMinutes),
    noShowGraceMinutes: numberOf(values.noShowGraceMinutes),
    strikePolicy: {
      strikes: numberOf(values.strikePolicy?.strikes),
      windowDays: numberOf(values.strikePolicy?.windowDays),
      suspensionDays: numberOf(values.strikePolicy?.suspensionDays),
    },
    capacity:
      values.capacityMode === 'pool'
        ? { mode: 'pool' as const, coversPerSlot: numberOf(values.coversPerSlot) }
        : {
            mode: 'resources' as const,
            resources: (values.resources ?? []).map(({ id, name, seats, active }) => ({
              id: (id ?? '').trim(),
              name: (name ?? '').trim(),
              seats: numberOf(seats),
              active: Boolean(active),
            })),
          },
  };
}

/** The body that creates the venue the form describes (numbers left empty stay out: the API refuses it). */
export function createBodyFromForm(values: VenueFormValues): CreateBody {
  const description = values.description?.trim();
  return {
    id: (values.id ?? '').trim(),
    kind: values.kind,
    ...(values.store && values.store !== MALL ? { storeId: values.store } : {}),
    ...(description ? { description } : {}),
    ...termsFromForm(values),
  } as CreateBody;
}

/**
 * The edit of a stored venue: every term whole (each replaces the stored one), the description removed
 * when emptied, and the version the form was loaded on.
 */
export function patchBodyFromForm(values: VenueFormValues, venue: Pick<Venue, 'version' | 'description'>) {
  const description = values.description?.trim();
  return {
    ...termsFromForm(values),
    ...(description ? { description } : venue.description !== undefined ? { description: null } : {}),
    version: venue.version,
  } as PatchBody;
}

/** A form field's name as antd's Form addresses it. */
export type FieldName = (string | number)[];

export interface FieldError {
  name: FieldName;
  errors: string[];
}

/** A path of the API's body (`capacity.resources.1.id`, `specialHours.2027-01-01.0.close`) as the form's field. */
export function fieldOf(path: readonly (string | number)[], values: VenueFormValues): FieldName {
  const [head, ...rest] = path.map((part) =>
    typeof part === 'string' && /^\d+$/.test(part) ? Number(part) : part,
  );
  switch (head) {
    case 'capacity': {
      const [key, ...more] = rest;
      if (key === 'resources') return ['resources', ...more];
      if (key === 'coversPerSlot') return ['coversPerSlot'];
      return ['capacityMode'];
    }
    case 'closedDates':
      return ['closedDates'];
    case 'specialHours': {
      const [date, ...more] = rest;
      const row = (values.specialHours ?? []).findIndex((special) => special.date === String(date));
      if (row < 0) return ['specialHours'];
      return more.length ? ['specialHours', row, 'periods', ...more] : ['specialHours', row, 'date'];
    }
    case 'storeId':
      return ['store'];
    case undefined:
      return [];
    default:
      return [head, ...rest];
  }
}

interface IssueLike {
  code?: string;
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  input?: unknown;
}

/** The API's own words for its rules (lib/bookings), and what the console says instead. */
const RULE_MESSAGES: [RegExp, string][] = [
  [/must close after it opens/, 'closeAfterOpen'],
  [/must list periods in order/, 'periodsOrder'],
  [/must be a time HH:MM/, 'time'],
  [/lower-case letters, digits and -/, 'idFormat'],
  [/must be unique within the venue/, 'duplicateResource'],
  [/must list at least one resource/, 'needResource'],
  [/must keep every resource/, 'keepResources'],
  [/names no active store/, 'unknownStore'],
  [/cannot change once a venue is created/, 'modeFixed'],
  [/must be a real date|must be a date/, 'realDate'],
  [/is required/, 'required'],
];

/** An issue of the API's schema, or a problem's field message, in the reader's language. */
export function issueText(issue: IssueLike, t: TFunction): string {
  const rule = RULE_MESSAGES.find(([pattern]) => pattern.test(issue.message));
  if (rule) return t(`venues.errors.${rule[1]}`);
  const counted = issue.origin === 'array';
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === ''
        ? t('venues.errors.required')
        : t('venues.errors.whole');
    case 'too_small':
      if (issue.origin === 'string') return t('venues.errors.required');
      return t(counted ? 'venues.errors.tooFew' : 'venues.errors.tooSmall', {
        minimum: Number(issue.minimum),
      });
    case 'too_big':
      return t(
        counted
          ? 'venues.errors.tooMany'
          : issue.origin === 'string'
            ? 'venues.errors.tooLong'
            : 'venues.errors.tooBig',
        { maximum: Number(issue.maximum) },
      );
    default:
      return numberBound(issue.message, t) ?? t('venues.errors.format');
  }
}

/** A problem's field message on a bound (`… must be at least 5`), which carries no issue code. */
function numberBound(message: string, t: TFunction) {
  const least = /must be (?:at least|greater than or equal to) (\d+)/.exec(message);
  if (least) return t('venues.errors.tooSmall', { minimum: Number(least[1]) });
  const most = /must be (?:at most|less than or equal to) (\d+)/.exec(message);
  if (most) return t('venues.errors.tooBig', { maximum: Number(most[1]) });
  if (/whole number/.test(message)) return t('venues.errors.whole');
  return undefined;
}

/** Issues grouped by the field they show beside, each field's messages once. */
function byField(issues: { name: FieldName; text: string }[]): FieldError[] {
  const fields = new Map<string, FieldError>();
  for (const { name, text } of issues) {
    const key = JSON.stringify(name);
    const field = fields.get(key) ?? { name, errors: [] };
    if (!field.errors.includes(text)) field.errors.push(text);
    fields.set(key, field);
  }
  return [...fields.values()];
}

const CHECKED_TERMS = [
  'name',
  'hours',
  'closedDates',
  'specialHours',
  'slotMinutes',
  'minNoticeMinutes',
  'maxAdvanceDays',
  'freeCancellationMinutes',
  'noShowGraceMinutes',
  'strikePolicy',
  'capacity',
] as const;

/**
 * Checks the form with the API's own venue schema, field by field, and what the API checks beyond it
 * (distinct resource ids, at least one resource, resources kept); special dates twice the API cannot see,
 * as its record keeps one. The errors to show beside each field; none when the API would take it.
 */
export function checkVenueForm(values: VenueFormValues, t: TFunction, { creating }: { creating: boolean }) {
  const body = createBodyFromForm(values) as Record<string, unknown>;
  const shape = venueSchema.def.shape as unknown as Record<
    string,
    {
      safeParse: (value: unknown) => {
        success: boolean;
        error?: { issues: (IssueLike & { path: PropertyKey[] })[] };
      };
    }
  >;
  const issues: { name: FieldName; text: string }[] = [];
  const add = (path: (string | number)[], text: string) => issues.push({ name: fieldOf(path, values), text });
  for (const term of creating ? (['id', ...CHECKED_TERMS] as const) : CHECKED_TERMS) {
    const parsed = shape[term]!.safeParse(body[term]);
    for (const issue of parsed.error?.issues ?? [])
      add(
        [term, ...issue.path.map((part) => (typeof part === 'number' ? part : String(part)))],
        issueText(issue, t),
      );
  }
  const seenDates = new Set<string>();
  (values.specialHours ?? []).forEach((row, index) => {
    if (!row.date) issues.push({ name: ['specialHours', index, 'date'], text: t('venues.errors.required') });
    else if (seenDates.has(row.date))
      issues.push({ name: ['specialHours', index, 'date'], text: t('venues.errors.duplicateDate') });
    seenDates.add(row.date);
  });
  if (values.capacityMode === 'resources') {
    const resources = values.resources ?? [];
    if (resources.length === 0) issues.push({ name: ['resources'], text: t('venues.errors.needResource') });
    const seenIds = new Set<string>();
    resources.forEach((resource, index) => {
      const id = (resource.id ?? '').trim();
      if (id && seenIds.has(id))
        issues.push({ name: ['resources', index, 'id'], text: t('venues.errors.duplicateResource') });
      seenIds.add(id);
    });
  }
  return byField(issues);
}

/** The API's field problems (`body.capacity.resources.0.id`) beside the form's fields. */
export function serverFieldErrors(
  fields: readonly FieldProblem[],
  values: VenueFormValues,
  t: TFunction,
): FieldError[] {
  return byField(
    fields.map(({ field, message }) => ({
      name: fieldOf(
        field
          .replace(/^body\.?/, '')
          .split(/[.[\]]/)
          .filter(Boolean),
        values,
      ),
      text: issueText({ message }, t),
    })),
  );
}

/** Whether a failed save was made on a version someone else has since replaced. */
export const isVersionConflict = (error: { status: number; code: string }) =>
  error.code === 'VERSION_CONFLICT' || error.status === 412;

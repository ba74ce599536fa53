import type { FieldProblem } from '@sbm/web-shared/api';
import { campaignDefinitionSchema, type CampaignDefinition } from '@sbm/web-shared/contracts';
import type { TFunction } from 'i18next';
import dayjs, { type Dayjs } from 'dayjs';

/** Shanghai keeps +08:00 all year (no daylight saving): a picker's wall-clock time is read as Shanghai's. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** A picked date and time, read as Shanghai's wall clock, as the ISO moment the API takes. */
export const shanghaiMoment = (value: Dayjs) => `${value.format('YYYY-MM-DDTHH:mm:ss')}+08:00`;

/** A stored moment as the wall-clock time of Shanghai, for a picker (whatever the browser's zone). */
export const shanghaiWallClock = (iso: string): Dayjs =>
  dayjs(new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19));

type Maybe<T> = T | null | undefined;
const given = <T>(value: Maybe<T>): value is T =>
  value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
const fen = (yuan: Maybe<number>) => (given(yuan) ? Math.round(yuan * 100) : undefined);
const yuan = (fenAmount: Maybe<number>) => (given(fenAmount) ? fenAmount / 100 : undefined);

export interface SegmentValues {
  tiers?: string[];
  minBalance?: number | null;
  maxBalance?: number | null;
  birthdayMonth?: number | null;
  purchasedWithinDays?: number | null;
  notPurchasedForDays?: number | null;
  minSpend?: { amount?: number | null; months?: number | null };
  visitedStores?: string[];
}

/** What the builder's form holds: the definition's shape, with yuan for fen and pickers' values for times. */
export interface BuilderValues {
  name?: string;
  description?: string;
  startsAt?: Dayjs | null;
  endsAt?: Dayjs | null;
  trigger: {
    kind: CampaignDefinition['trigger']['kind'];
    eventName?: string;
    at?: Dayjs | null;
    schedule?: string;
    segment?: SegmentValues;
  };
  conditions?: {
    stores?: string[];
    categories?: string[];
    skus?: string[];
    minSpend?: number | null;
    tiers?: string[];
    daysOfWeek?: number[];
    hours?: { from?: number | null; to?: number | null };
    purchaseNumber?: number | null;
    venues?: string[];
    venueKinds?: string[];
    minPartySize?: number | null;
    maxPartySize?: number | null;
  };
  effects?: {
    bonusPoints?: { kind?: 'none' | 'fixed' | 'multiplier'; points?: number | null; factor?: number | null };
    reward?: { rewardId?: string };
    message?: { title?: string; body?: string };
  };
  limits?: {
    pointsBudget?: number | null;
    maxParticipants?: number | null;
    perCustomer?: { count?: number | null; per?: 'day' | 'week' | 'month' | 'campaign' };
  };
  /** Per cent of members held out as a control group; empty for none. */
  holdoutPercent?: number | null;
  priority?: number | null;
  exclusive?: boolean;
  optIn?: boolean;
  visibleToMembers?: boolean;
}

/** An object without the entries nothing was given for; undefined when none was. */
function compact(entries: Record<string, unknown>) {
  const kept = Object.entries(entries).filter(([, value]) => given(value));
  return kept.length ? Object.fromEntries(kept) : undefined;
}

export function segmentFrom(values: SegmentValues | undefined) {
  const spend = values?.minSpend;
  return (
    compact({
      tiers: values?.tiers,
      minBalance: values?.minBalance,
      maxBalance: values?.maxBalance,
      birthdayMonth: values?.birthdayMonth,
      purchasedWithinDays: values?.purchasedWithinDays,
      notPurchasedForDays: values?.notPurchasedForDays,
      minSpend:
        given(spend?.amount) || given(spend?.months)
          ? { amount: fen(spend?.amount), months: spend?.months ?? undefined }
          : undefined,
      visitedStores: values?.visitedStores,
    }) ?? {}
  );
}

/** The definition the form's values make, as the API takes it (unvalidated: the schema judges it). */
export function definitionFromForm(values: BuilderValues): Record<string, unknown> {
  const { trigger, conditions: c, effects: e, limits: l } = values;
  const kind = trigger.kind;
  const bonus = e?.bonusPoints;
  return {
    name: values.name ?? '',
    description: values.description ?? '',
    startsAt: values.startsAt ? shanghaiMoment(values.startsAt) : undefined,
    endsAt: values.endsAt ? shanghaiMoment(values.endsAt) : undefined,
    trigger:
      kind === 'custom'
        ? { kind, eventName: trigger.eventName ?? '' }
        : kind === 'blast'
          ? {
              kind,
              at: trigger.at ? shanghaiMoment(trigger.at) : undefined,
              segment: segmentFrom(trigger.segment),
            }
          : kind === 'recurring'
            ? { kind, schedule: trigger.schedule ?? '', segment: segmentFrom(trigger.segment) }
            : { kind },
    conditions:
      compact({
        stores: c?.stores,
        categories: c?.categories,
        skus: c?.skus,
        minSpend: fen(c?.minSpend),
        tiers: c?.tiers,
        daysOfWeek: c?.daysOfWeek,
        hours:
          given(c?.hours?.from) || given(c?.hours?.to)
            ? { from: c?.hours?.from, to: c?.hours?.to }
            : undefined,
        purchaseNumber: c?.purchaseNumber,
        venues: c?.venues,
        venueKinds: c?.venueKinds,
        minPartySize: c?.minPartySize,
        maxPartySize: c?.maxPartySize,
      }) ?? {},
    effects:
      compact({
        bonusPoints:
          bonus?.kind === 'fixed'
            ? { kind: 'fixed', points: bonus.points ?? undefined }
            : bonus?.kind === 'multiplier'
              ? { kind: 'multiplier', factor: bonus.factor ?? undefined }
              : undefined,
        reward: given(e?.reward?.rewardId) ? { rewardId: e.reward.rewardId } : undefined,
        message:
          given(e?.message?.title) || given(e?.message?.body)
            ? { title: e?.message?.title ?? '', body: e?.message?.body ?? '' }
            : undefined,
      }) ?? {},
    limits:
      compact({
        pointsBudget: l?.pointsBudget,
        maxParticipants: l?.maxParticipants,
        perCustomer: given(l?.perCustomer?.count)
          ? { count: l.perCustomer.count, per: l.perCustomer.per ?? 'day' }
          : undefined,
      }) ?? {},
    ...(given(values.holdoutPercent) ? { holdoutPercent: values.holdoutPercent } : {}),
    priority: values.priority ?? 100,
    exclusive: values.exclusive ?? false,
    optIn: values.optIn ?? false,
    visibleToMembers: values.visibleToMembers ?? true,
  };
}

function segmentValues(segment: Record<string, unknown> | undefined): SegmentValues {
  const spend = segment?.minSpend as { amount: number; months: number } | undefined;
  return {
    ...(segment as SegmentValues | undefined),
    minSpend: spend ? { amount: yuan(spend.amount), months: spend.months } : undefined,
  };
}

/** The form's values of a stored definition. */
export function formFromDefinition(definition: CampaignDefinition): BuilderValues {
  const { trigger, conditions, effects, limits } = definition;
  return {
    name: definition.name,
    description: definition.description,
    startsAt: shanghaiWallClock(definition.startsAt),
    endsAt: shanghaiWallClock(definition.endsAt),
    trigger: {
      kind: trigger.kind,
      eventName: trigger.kind === 'custom' ? trigger.eventName : undefined,
      at: trigger.kind === 'blast' ? shanghaiWallClock(trigger.at) : undefined,
      schedule: trigger.kind === 'recurring' ? trigger.schedule : undefined,
      segment: 'segment' in trigger ? segmentValues(trigger.segment) : {},
    },
    conditions: { ...conditions, minSpend: yuan(conditions.minSpend) },
    effects: {
      bonusPoints: effects.bonusPoints
        ? {
            kind: effects.bonusPoints.kind,
            ...(effects.bonusPoints.kind === 'fixed'
              ? { points: effects.bonusPoints.points }
              : { factor: effects.bonusPoints.factor }),
          }
        : { kind: 'none' },
      reward: effects.reward,
      message: effects.message,
    },
    limits,
    holdoutPercent: definition.holdoutPercent,
    priority: definition.priority,
    exclusive: definition.exclusive,
    optIn: definition.optIn,
    visibleToMembers: definition.visibleToMembers,
  };
}

/** A form field's name: the path of the definition's field (list indexes dropped: the list is one field). */
export type FieldPath = (string | number)[];

/** Where an issue shows: a whole term's issue goes beside the field that decides it. */
function fieldOf(path: readonly PropertyKey[]): FieldPath {
  const names = path.filter((part): part is string | number => typeof part !== 'symbol');
  while (names.length && typeof names.at(-1) === 'number') names.pop();
  const joined = names.join('.');
  if (joined === 'effects' || joined === 'effects.bonusPoints') return ['effects', 'bonusPoints', 'kind'];
  if (joined === 'trigger') return ['trigger', 'kind'];
  if (joined === 'limits.perCustomer') return ['limits', 'perCustomer', 'count'];
  if (joined === 'conditions.hours') return ['conditions', 'hours', 'to'];
  if (joined === 'trigger.segment.minSpend') return ['trigger', 'segment', 'minSpend', 'amount'];
  return names;
}

const CUSTOM_MESSAGES: [RegExp, string][] = [
  [/^must be after startsAt/, 'afterStart'],
  [/^must be after from/, 'afterFrom'],
  [/^applies to purchase campaigns only/, 'purchaseOnly'],
  [/^applies to booking-attended campaigns only/, 'bookingOnly'],
  [/^must be at least minPartySize/, 'partyRange'],
  [/^must include bonusPoints, reward or message/, 'needEffect'],
  [/^must be fixed/, 'fixedOnly'],
  [/cron/, 'cron'],
  [/tier of the ladder/, 'unknownTier'],
  [/one decimal/, 'oneDecimal'],
];

interface IssueLike {
  code?: string;
  message: string;
  path: readonly PropertyKey[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  input?: unknown;
}

/** An issue in the reader's language: by its kind and bounds, or by the rule's own message. */
export function issueText(issue: IssueLike, t: TFunction): string {
  const custom = CUSTOM_MESSAGES.find(([pattern]) => pattern.test(issue.message));
  if (custom) return t(`campaigns.errors.${custom[1]}`);
  const counted = issue.origin === 'array' || issue.origin === 'string';
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? t('campaigns.errors.required') : t('campaigns.errors.format');
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return t('campaigns.errors.required');
      return t(counted ? 'campaigns.errors.tooShort' : 'campaigns.errors.tooSmall', {
        minimum: Number(issue.minimum),
      });
    case 'too_big':
      return t(counted ? 'campaigns.errors.tooLong' : 'campaigns.errors.tooBig', {
        maximum: Number(issue.maximum),
      });
    case 'invalid_format':
    case 'invalid_value':
    case 'invalid_union':
      return t('campaigns.errors.format');
    default:
      return /^is required/.test(issue.message)
        ? t('campaigns.errors.required')
        : t('campaigns.errors.other');
  }
}

export interface FieldError {
  name: FieldPath;
  errors: string[];
}

/** Issues grouped by the field they show beside, each field's messages once. */
function byField(issues: { name: FieldPath; text: string }[]): FieldError[] {
  const fields = new Map<string, FieldError>();
  for (const { name, text } of issues) {
    const key = JSON.stringify(name);
    const field = fields.get(key) ?? { name, errors: [] };
    if (!field.errors.includes(text)) field.errors.push(text);
    fields.set(key, field);
  }
  return [...fields.values()];
}

/**
 * The edit to send for a campaign's checked definition: every term, and a holdout it had but the form no
 * longer has as null (an edit keeps each term it leaves out).
 */
export function changesFrom(stored: CampaignDefinition, checked: CampaignDefinition) {
  return stored.holdoutPercent !== undefined && checked.holdoutPercent === undefined
    ? { ...checked, holdoutPercent: null }
    : checked;
}

/**
 * Checks the form's definition with the API's own schema: the definition to send, or the errors to show
 * beside each field.
 */
export function validateDefinition(
  values: BuilderValues,
  t: TFunction,
): { definition: CampaignDefinition; errors?: undefined } | { definition?: undefined; errors: FieldError[] } {
  const parsed = campaignDefinitionSchema.safeParse(definitionFromForm(values));
  if (parsed.success) return { definition: parsed.data };
  return {
    errors: byField(
      parsed.error.issues.map((issue) => ({
        name: fieldOf(issue.path),
        text: issueText(issue as IssueLike, t),
      })),
    ),
  };
}

/**
 * The API's field problems (`body.definition.conditions.stores[0]`, `body.endsAt`) as the form's fields;
 * tier codes the ladder does not have, say, are only known to the server.
 */
export function serverFieldErrors(fields: readonly FieldProblem[], t: TFunction): FieldError[] {
  return byField(
    fields.map(({ field, message }) => {
      const path = field
        .replace(/^body\.(definition\.)?/, '')
        .split(/[.[\]]/)
        .filter(Boolean)
        .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
      return { name: fieldOf(path), text: issueText({ message, path }, t) };
    }),
  );
}

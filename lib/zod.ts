/**
 * zod, in its tree-shakable build: every schema of the platform is written with `zod/mini`'s functions
 * and checks (`z.optional(z.string().check(z.maxLength(80)))`), which bundle only what is used.
 *
 * Its messages are ours: each says what is wrong as the end of a sentence whose subject is the field
 * ("is required", "must be at most 80 characters"), and the HTTP error mapper puts the field's name in
 * front (`lib/http/problem.ts`). A schema's own message is written the same way (`'must be a 12-digit
 * member code'`).
 */
import { config } from 'zod/mini';
import type * as core from 'zod/v4/core';

/** What a value of each type is called in a message. */
const KINDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'a list',
  tuple: 'a list',
  date: 'a date',
  null: 'null',
  nan: 'a number',
};

const FORMATS: Record<string, string> = {
  datetime: 'an ISO 8601 date and time with Z or an offset, such as 2026-12-01T10:00:00+08:00',
  date: 'a date as YYYY-MM-DD',
  time: 'a time as HH:MM:SS',
  duration: 'an ISO 8601 duration',
  email: 'an email address',
  url: 'a URL',
  uuid: 'a UUID',
  ulid: 'a ULID',
  e164: 'a phone number in E.164 form',
  base64: 'base64',
  base64url: 'base64url',
  jwt: 'a JWT',
};

const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const plural = (count: number | bigint, noun: string) => `${count} ${noun}${Number(count) === 1 ? '' : 's'}`;

/** The end of a sentence about the field an issue concerns. */
export function predicateOf(issue: core.$ZodRawIssue): string {
  const valueExpected = ['invalid_type', 'invalid_value', 'invalid_union'].includes(issue.code ?? '');
  if (valueExpected && issue.input === undefined) return 'is required';
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${KINDS[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${shown(issue.values[0])}`
        : `must be one of ${issue.values.map(shown).join(', ')}`;
    case 'too_small': {
      const bound = issue.minimum;
      if (issue.origin === 'string')
        return Number(bound) === 1 && !issue.exact
          ? 'must not be empty'
          : `must be ${issue.exact ? 'exactly' : 'at least'} ${plural(bound, 'character')} long`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `must have ${issue.exact ? 'exactly' : 'at least'} ${plural(bound, 'item')}`;
      return issue.inclusive ? `must be at least ${bound}` : `must be greater than ${bound}`;
    }
    case 'too_big': {
      const bound = issue.maximum;
      if (issue.origin === 'string')
        return `must be ${issue.exact ? 'exactly' : 'at most'} ${plural(bound, 'character')} long`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `must have ${issue.exact ? 'exactly' : 'at most'} ${plural(bound, 'item')}`;
      return issue.inclusive ? `must be at most ${bound}` : `must be less than ${bound}`;
    }
    case 'invalid_format':
      if (issue.format === 'regex') return `must match the pattern ${issue.pattern ?? ''}`.trim();
      if (issue.format === 'starts_with') return `must start with ${(issue as { prefix?: string }).prefix}`;
      if (issue.format === 'ends_with') return `must end with ${(issue as { suffix?: string }).suffix}`;
      if (issue.format === 'includes') return `must include ${(issue as { includes?: string }).includes}`;
      return `must be ${FORMATS[issue.format] ?? `a valid ${issue.format}`}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `has fields that are not allowed: ${issue.keys.join(', ')}`;
    case 'invalid_key':
      return 'has a key that is not allowed';
    case 'invalid_element':
      return 'has an entry that is not allowed';
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      return options?.length
        ? `must be one of ${options.map(shown).join(', ')}`
        : 'does not match any accepted form';
    }
    default:
      return 'is invalid';
  }
}

config({ localeError: predicateOf });

export * from 'zod/mini';

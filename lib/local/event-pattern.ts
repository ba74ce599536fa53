/**
 * EventBridge event patterns, as far as the local cloud supports them. Any operator outside this list
 * is rejected when the pattern is loaded, so a rule can never silently match nothing on a laptop.
 */
export type EventPattern = { [field: string]: EventPattern | PatternValue[] };
type PatternValue = string | number | boolean | null | { [operator: string]: unknown };

const SUPPORTED_OPERATORS = new Set([
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'numeric',
  'equals-ignore-case',
]);

export class UnsupportedPatternError extends Error {
  constructor(path: string, detail: string) {
    super(`Event pattern at ${path || '(root)'}: ${detail}`);
    this.name = 'UnsupportedPatternError';
  }
}

/** Throws UnsupportedPatternError when the pattern uses anything the matcher cannot evaluate. */
export function assertSupportedPattern(pattern: unknown, path = ''): asserts pattern is EventPattern {
  if (typeof pattern !== 'object' || pattern === null || Array.isArray(pattern)) {
    throw new UnsupportedPatternError(path, 'a pattern must be an object');
  }
  for (const [field, value] of Object.entries(pattern)) {
    const here = path ? `${path}.${field}` : field;
    if (field === '$or') throw new UnsupportedPatternError(here, '$or is not supported locally');
    if (Array.isArray(value)) {
      if (value.length === 0) throw new UnsupportedPatternError(here, 'an empty list matches nothing');
      for (const candidate of value) {
        if (candidate !== null && typeof candidate === 'object') {
          const operators = Object.keys(candidate);
          const unsupported = operators.find((operator) => !SUPPORTED_OPERATORS.has(operator));
          if (unsupported || operators.length !== 1) {
            throw new UnsupportedPatternError(
              here,
              `operator ${unsupported ?? operators.join('+')} is not supported locally`,
            );
          }
          const [operator] = operators;
          const argument = (candidate as Record<string, unknown>)[operator!];
          if (operator === 'numeric') assertNumericArgument(argument, here);
          if (
            operator === 'anything-but' &&
            typeof argument === 'object' &&
            argument !== null &&
            !Array.isArray(argument)
          ) {
            const inner = Object.keys(argument);
            if (inner.length !== 1 || inner[0] !== 'prefix') {
              throw new UnsupportedPatternError(
                here,
                `anything-but with ${inner.join('+')} is not supported locally`,
              );
            }
          }
        }
      }
    } else {
      assertSupportedPattern(value, here);
    }
  }
}

const NUMERIC_COMPARATORS = new Set(['<', '<=', '=', '>', '>=']);

function assertNumericArgument(argument: unknown, path: string) {
  if (!Array.isArray(argument) || argument.length % 2 !== 0 || argument.length === 0) {
    throw new UnsupportedPatternError(path, 'numeric takes comparator/number pairs');
  }
  for (let i = 0; i < argument.length; i += 2) {
    if (!NUMERIC_COMPARATORS.has(argument[i]) || typeof argument[i + 1] !== 'number') {
      throw new UnsupportedPatternError(path, `numeric comparator ${String(argument[i])} is not supported`);
    }
  }
}

function compare(value: number, comparator: string, bound: number): boolean {
  switch (comparator) {
    case '<':
      return value < bound;
    case '<=':
      return value <= bound;
    case '=':
      return value === bound;
    case '>':
      return value > bound;
    default:
      return value >= bound;
  }
}

function matchesOperator(operator: string, argument: unknown, present: boolean, value: unknown): boolean {
  switch (operator) {
    case 'exists':
      return argument === present;
    case 'prefix':
      return typeof value === 'string' && value.startsWith(String(argument));
    case 'suffix':
      return typeof value === 'string' && value.endsWith(String(argument));
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === String(argument).toLowerCase();
    case 'numeric': {
      const pairs = argument as (string | number)[];
      if (typeof value !== 'number') return false;
      for (let i = 0; i < pairs.length; i += 2)
        if (!compare(value, String(pairs[i]), Number(pairs[i + 1]))) return false;
      return true;
    }
    case 'anything-but': {
      if (!present) return false;
      if (Array.isArray(argument)) return !argument.includes(value);
      if (typeof argument === 'object' && argument !== null) {
        return !(
          typeof value === 'string' && value.startsWith(String((argument as { prefix: string }).prefix))
        );
      }
      return value !== argument;
    }
    default:
      return false;
  }
}

function matchesValue(candidates: PatternValue[], present: boolean, value: unknown): boolean {
  // An array in the event matches when any of its elements matches.
  const values = Array.isArray(value) ? value : [value];
  return candidates.some((candidate) => {
    if (candidate !== null && typeof candidate === 'object') {
      const [operator, argument] = Object.entries(candidate)[0]!;
      if (operator === 'exists') return matchesOperator(operator, argument, present, value);
      return values.some((v) => matchesOperator(operator, argument, present, v));
    }
    return present && values.some((v) => v === candidate);
  });
}

/** True when the event matches every field of the pattern (fields are ANDed, list values ORed). */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  return Object.entries(pattern).every(([field, expected]) => {
    const container = typeof event === 'object' && event !== null ? (event as Record<string, unknown>) : {};
    const present = Object.prototype.hasOwnProperty.call(container, field);
    const value = container[field];
    if (Array.isArray(expected)) return matchesValue(expected, present, value);
    return present && typeof value === 'object' && value !== null && matchesPattern(expected, value);
  });
}

/** One field of an audited state, before and after, as the drawer lists it. */
export interface DiffRow {
  field: string;
  before?: string;
  after?: string;
  change: 'added' | 'removed' | 'changed' | 'same';
}

/** A value as a cell shows it: text as it is, numbers and yes/no as JSON writes them, nothing as —. */
const shown = (value: unknown): string =>
  value === null ? '—' : typeof value === 'string' ? value : JSON.stringify(value);

/**
 * The leaves of a state as `field → value`, nested fields by their path (`rules.tierMultipliers.gold`,
 * `benefits.0`); a state that is not an object is one field named `value`. Empty objects and lists are
 * leaves of their own, so that "none" still shows.
 */
export function leavesOf(state: unknown, path = ''): Map<string, string> {
  const leaves = new Map<string, string>();
  const visit = (value: unknown, at: string) => {
    if (value !== null && typeof value === 'object') {
      const entries = Array.isArray(value)
        ? value.map((item, i) => [String(i), item] as const)
        : Object.entries(value as Record<string, unknown>);
      if (entries.length === 0) leaves.set(at || 'value', Array.isArray(value) ? '[]' : '{}');
      for (const [key, item] of entries) visit(item, at ? `${at}.${key}` : key);
    } else if (value !== undefined) leaves.set(at || 'value', shown(value));
  };
  visit(state, path);
  return leaves;
}

/** Before and after field by field, in the order fields first appear (before's, then after's new ones). */
export function diffRows(before: unknown, after: unknown): DiffRow[] {
  const old = leavesOf(before);
  const now = leavesOf(after);
  const fields = [...new Set([...old.keys(), ...now.keys()])];
  return fields.map((field) => {
    const was = old.get(field);
    const is = now.get(field);
    const change =
      was === undefined ? 'added' : is === undefined ? 'removed' : was === is ? 'same' : 'changed';
    return { field, before: was, after: is, change };
  });
}

/** Keys whose values are personal information under PIPL and never appear raw in logs. */
const PII_KEYS = new Set([
  'phone',
  'phonenumber',
  'purephonenumber',
  'name',
  'nickname',
  'openid',
  'unionid',
  'birthday',
  'touser',
  'email',
]);

export function isPiiKey(key: string): boolean {
  return PII_KEYS.has(key.toLowerCase());
}

/** Keeps the last two characters so that support can correlate lines without seeing the value. */
export function maskPiiValue(value: unknown): string {
  const text = String(value);
  return text.length <= 4 ? '***' : `***${text.slice(-2)}`;
}

/**
 * An error's `name` ("ConditionalCheckFailedException", "TypeError") is a class, not a person. The
 * logger calls the replacer without its holder, so errors are recognised by the shape of the name.
 */
const isErrorName = (value: unknown) =>
  typeof value === 'string' && /^([A-Z][A-Za-z]*)?(Error|Exception|Fault|Failure)$/.test(value);

/**
 * A JSON replacer that masks PII wherever it sits in a structure, by field name: for logs, where a
 * business name masked too is the safe side. The audit trail masks by what its target is instead
 * (lib/audit/subjects.ts).
 */
export function maskPiiReplacer(key: string, value: unknown): unknown {
  if (!key || !isPiiKey(key) || value === null || value === undefined || typeof value === 'object')
    return value;
  if (key === 'name' && isErrorName(value)) return value;
  return maskPiiValue(value);
}

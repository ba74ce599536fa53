import * as z from '../zod';
import { problems } from './problem';
import { lazySchema } from '../lazy-schema';

const keySchema = lazySchema(() =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(8),
      z.maxLength(128),
      z.regex(/^[\w.:-]+$/, 'must be letters, digits and . _ : -'),
    ),
);

export const IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  required: true,
  description:
    'A fresh random key per intended action (e.g. a UUID); a retry with the same key repeats nothing',
};

/** The request's Idempotency-Key, required on mutations that spend value. */
export function requireIdempotencyKey(headers: Record<string, string | undefined>): string {
  const parsed = keySchema.safeParse(headers['idempotency-key']);
  if (!parsed.success) {
    const message =
      headers['idempotency-key'] === undefined
        ? 'Idempotency-Key is required'
        : `Idempotency-Key ${parsed.error.issues[0]!.message}`;
    throw problems.validation([{ field: 'header.idempotency-key', message }]);
  }
  return parsed.data;
}

import * as z from '../zod';
import { problems } from './problem';
import { lazySchema } from '../lazy-schema';
import { IDEMPOTENCY_TTL_SECONDS } from '../db/idempotency-record';
import type { HeaderSpec } from './route';

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

export const IDEMPOTENCY_KEY_HEADER: HeaderSpec = {
  name: 'Idempotency-Key',
  required: true,
  description:
    'A fresh random key per intended action (a UUID, say), sent again unchanged with every retry of it: a retry ' +
    `repeats nothing and answers what the first request did. Keys are kept ${IDEMPOTENCY_TTL_SECONDS / 3600} hours for the member concerned; ` +
    'the same key with a different request is a 422 IDEMPOTENCY_KEY_REUSED',
  schema: keySchema,
  example: '6f1c2a9e-3b7d-4c1e-9a2f-7d8e6b4c3a21',
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

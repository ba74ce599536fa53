import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

/**
 * A correlation id as it may travel between functions and come in from clients: 1 to 128 characters
 * of letters, digits and `_ . : -`. A client's id that is not one is replaced, never trusted: it would
 * land in every log line and in event metadata.
 */
export const correlationIdSchema = lazySchema(() => z.string().check(z.regex(/^[\w.:-]{1,128}$/)));

/** `candidate` when it is a well-formed correlation id, else `fallback` (an id of our own making). */
export function trustedCorrelationId(candidate: unknown, fallback: string): string {
  const parsed = correlationIdSchema.safeParse(candidate);
  return parsed.success ? parsed.data : fallback;
}

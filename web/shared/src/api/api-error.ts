import type { FetchBaseQueryError, FetchBaseQueryMeta } from '@reduxjs/toolkit/query';

/** A failing field of a VALIDATION_FAILED answer. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Every failed call as the front ends see it: the answer's status and its problem+json `code`, never its
 * raw body. Serializable, so it can sit in the Redux store as RTK Query keeps it.
 */
export interface ApiError {
  /** The HTTP status; 0 when no answer came (offline, the server down, a timeout). */
  status: number;
  /** The problem document's stable code; NETWORK_ERROR or UNEXPECTED_ANSWER when the answer had none. */
  code: string;
  /** Seconds to wait before trying again: Retry-After, or a lock's end the problem names. */
  retryAfterSeconds?: number;
  fields?: FieldProblem[];
  /** Support asks for it: the request's correlation id. */
  correlationId?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Seconds from a Retry-After header: either delay-seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function fieldsOf(errors: unknown): FieldProblem[] | undefined {
  if (!Array.isArray(errors)) return undefined;
  const fields = errors.filter(
    (item): item is FieldProblem =>
      isRecord(item) && typeof item.field === 'string' && typeof item.message === 'string',
  );
  return fields.length ? fields.map(({ field, message }) => ({ field, message })) : undefined;
}

/** What fetchBaseQuery failed with, as an ApiError. */
export function toApiError(
  error: FetchBaseQueryError,
  meta?: FetchBaseQueryMeta,
  now = Date.now(),
): ApiError {
  if (typeof error.status !== 'number') return { status: 0, code: 'NETWORK_ERROR' };
  const problem = isRecord(error.data) ? error.data : {};
  const lockedUntil = typeof problem.lockedUntil === 'string' ? Date.parse(problem.lockedUntil) : NaN;
  const wait =
    retryAfterSeconds(meta?.response?.headers.get('retry-after'), now) ??
    (Number.isNaN(lockedUntil) ? undefined : Math.max(0, Math.ceil((lockedUntil - now) / 1000)));
  const fields = fieldsOf(problem.errors);
  const correlationId =
    typeof problem.correlationId === 'string'
      ? problem.correlationId
      : (meta?.response?.headers.get('x-correlation-id') ?? undefined);
  return {
    status: error.status,
    code: typeof problem.code === 'string' ? problem.code : 'UNEXPECTED_ANSWER',
    ...(wait === undefined ? {} : { retryAfterSeconds: wait }),
    ...(fields ? { fields } : {}),
    ...(correlationId ? { correlationId } : {}),
  };
}

/** Whether a value RTK Query handed back as an error is an ApiError (anything else is a bug of ours). */
export const isApiError = (value: unknown): value is ApiError =>
  isRecord(value) && typeof value.status === 'number' && typeof value.code === 'string';

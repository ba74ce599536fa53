import type { TFunction } from 'i18next';
import { isApiError, type ApiError } from '../api/api-error';
import { formatWait } from '../format';

export { problemMessages } from './messages';

const statusKey = (status: number) =>
  status >= 500
    ? '5xx'
    : [0, 400, 401, 403, 404, 409, 423, 429].includes(status)
      ? String(status)
      : 'default';

/** Anything a call failed with as an ApiError; what is not one (a bug of ours) reads as unexpected. */
export const asApiError = (error: unknown): ApiError =>
  isApiError(error) ? error : { status: 0, code: 'UNEXPECTED_ANSWER' };

/**
 * A failed call in the reader's language: the message of its problem code, else of its HTTP status,
 * with how long to wait when the answer said. Never the raw answer.
 */
export function problemText(error: unknown, t: TFunction, language: string): string {
  const problem = asApiError(error);
  const wait =
    problem.retryAfterSeconds !== undefined && problem.retryAfterSeconds > 0
      ? formatWait(problem.retryAfterSeconds, language)
      : undefined;
  return t(
    [
      `problems.code.${problem.code}`,
      `problems.status.${statusKey(problem.status)}`,
      'problems.status.default',
    ],
    wait ? { context: 'wait', wait } : {},
  );
}

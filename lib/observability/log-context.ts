import { AsyncLocalStorage } from 'node:async_hooks';

type LogKeys = Record<string, unknown>;

const context = new AsyncLocalStorage<LogKeys>();

/**
 * Runs `work` with keys that every log line written inside it carries (after an `await` too), added to
 * the keys of any context it runs in. Records of one batch run at the same time, so their keys (the
 * correlation id, the message id) cannot live on the shared logger: each record's stay with it.
 */
export function withLogKeys<T>(keys: LogKeys, work: () => T): T {
  return context.run({ ...context.getStore(), ...keys }, work);
}

/** The keys of the context the caller runs in, if any. */
export const currentLogKeys = (): LogKeys | undefined => context.getStore();

import * as z from '../zod';
import { lazyEnv } from '../config';
import { problems } from '../http/problem';
import { lazySchema } from '../lazy-schema';

const env = lazyEnv({
  SMS_SIMULATOR_URL: lazySchema(() => z.optional(z.url())),
  /** The stage's `smsSignIn` setting (cdk/config.ts): `tencent-cloud`, or `off` (also when unset). */
  SMS_PROVIDER: lazySchema(() => z._default(z.enum(['tencent-cloud', 'off']), 'off')),
});

/** Where texts go: the local cloud's simulator, the stage's provider, or nowhere (sign-in by SMS is off). */
export function smsProvider(): { simulator: string } | 'tencent-cloud' | 'off' {
  const { SMS_SIMULATOR_URL: simulator, SMS_PROVIDER: provider } = env();
  return simulator ? { simulator } : provider;
}

/** Refuses an SMS route where sign-in by SMS is off: 503 SMS_SIGN_IN_DISABLED, before anything is counted. */
export function requireSmsSignIn(): void {
  if (smsProvider() === 'off') throw problems.smsSignInDisabled();
}

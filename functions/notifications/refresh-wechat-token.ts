import { scheduledHandler } from '../../lib/schedules/handler';
import { getAccessToken } from '../../lib/wechat/client';

/** Renews the shared WeChat access token well before it expires, so no request waits on WeChat for it. */
const RENEW_WHEN_VALID_FOR_LESS_THAN_MS = 30 * 60 * 1000;

export const handler = scheduledHandler(async () => {
  await getAccessToken({ minValidityMs: RENEW_WHEN_VALID_FOR_LESS_THAN_MS });
});

import { httpHandler } from '../../lib/http/handler';
import { Problem } from '../../lib/http/problem';
import { getPointsAccountSummary } from '../../lib/loyalty/accounts';
import { getMyPointsAccountRoute } from '../../lib/loyalty/routes';

export const handler = httpHandler(getMyPointsAccountRoute, async ({ principal }) => {
  const account = await getPointsAccountSummary(principal.customerId);
  if (!account) {
    throw new Problem(
      404,
      'POINTS_ACCOUNT_NOT_OPEN',
      'Not found',
      'The points account is being opened; retry shortly.',
      {
        headers: { 'retry-after': '1' },
      },
    );
  }
  return { status: 200, body: account };
});

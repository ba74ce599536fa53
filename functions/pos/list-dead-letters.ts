import { assertAllStoresAccess } from '../../lib/auth/store-scope';
import { httpHandler } from '../../lib/http/handler';
import { peekPosDeadLetters } from '../../lib/pos/dead-letters';
import { listPosDeadLettersRoute } from '../../lib/pos/routes';

export const handler = httpHandler(listPosDeadLettersRoute, async ({ principal }) => {
  assertAllStoresAccess(principal, listPosDeadLettersRoute.auth.permission);
  return { status: 200, body: await peekPosDeadLetters() };
});

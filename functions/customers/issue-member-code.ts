import { issueMemberCode } from '../../lib/customers/member-code';
import { issueMemberCodeRoute } from '../../lib/customers/routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(issueMemberCodeRoute, async ({ principal }) => ({
  status: 200,
  body: await issueMemberCode(principal.customerId),
}));

import { defineRoute } from '../http/route';
import { problemSchema } from '../http/problem';
import { pointsAccountViewSchema } from './views';

export const getMyPointsAccountRoute = defineRoute({
  method: 'GET',
  path: '/v1/loyalty/me',
  auth: { kind: 'customer' },
  tag: 'loyalty',
  summary: "The signed-in member's points balance and tier",
  responses: {
    200: { description: 'Points account', schema: pointsAccountViewSchema },
    401: { description: 'Not signed in', schema: problemSchema },
    404: {
      description: 'POINTS_ACCOUNT_NOT_OPEN: registration is still being processed',
      schema: problemSchema,
    },
  },
});

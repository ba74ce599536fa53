import { z } from 'zod';
import { defineRoute } from '../http/route';
import { problemSchema } from '../http/problem';
import { dailyStoreSalesSchema } from './views';

const totals = z.object({
  purchases: z.number().int(),
  revenue: z.number().int(),
  pointsIssued: z.number().int(),
  pointsReversed: z.number().int(),
});

export const getDailySalesRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/analytics/daily-sales',
  auth: { kind: 'staff', role: 'admin' },
  tag: 'analytics',
  summary: 'Purchases, revenue (fen) and points issued and reversed per store for one business day',
  query: z.object({ day: z.iso.date() }).strict(),
  responses: {
    200: {
      description: 'The day',
      schema: z.object({ day: z.iso.date(), stores: z.array(dailyStoreSalesSchema), totals }),
    },
    400: { description: 'Bad day', schema: problemSchema },
    401: { description: 'Not signed in', schema: problemSchema },
    403: { description: 'Needs the admin role', schema: problemSchema },
  },
});

import * as z from '../zod';
import { defineRoute } from '../http/route';
import { problemResponse, staffRouteProblems } from '../http/problem';
import { auditEntryViewSchema } from './schema';
import { lazySchema } from '../lazy-schema';
import { periodFilterShape, periodInOrder } from '../http/time-inputs';

const ACTOR_FILTER_MEANING =
  'Entries by this actor: a staff id (01JDA2C4E6G8J0K2M4N6P8R0S2), the email a staff member signs in with, in any case (zhang.wei@sbm-plaza.cn), their name as the staff list holds it, in any case (张伟), system, unidentified, or customer:<id>. An email or a name nobody has finds nothing; a name several staff members share is a 400 asking for the email';

export const listAuditEntriesRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/audit',
  auth: { kind: 'staff', permission: 'audit:read' },
  tag: 'audit',
  summary:
    'Staff actions, newest first, filtered by target, actor, action and time (the last 7 days unless given; at most 93 days by time alone), page by page',
  query: lazySchema(() =>
    z
      .strictObject({
        target: z.optional(
          z
            .string()
            .check(
              z.minLength(1),
              z.maxLength(200),
              z.describe('Entries on this target: customer:<id>, ...'),
            ),
        ),
        actor: z.optional(
          z
            .string()
            .check(
              z.minLength(1),
              z.maxLength(254),
              z.describe(ACTOR_FILTER_MEANING),
              z.meta({ examples: ['zhang.wei@sbm-plaza.cn'] }),
            ),
        ),
        action: z.optional(
          z
            .string()
            .check(
              z.minLength(1),
              z.maxLength(64),
              z.describe('Entries of this action: loyalty.adjust, ...'),
            ),
        ),
        ...periodFilterShape(),
        limit: z._default(
          z.coerce.number().check(z.int(), z.gte(1), z.lte(200), z.describe('The most entries to give')),
          50,
        ),
        cursor: z.optional(
          z
            .string()
            .check(
              z.maxLength(1024),
              z.describe(
                'The nextCursor of the page before, with the same filters: the search goes on from there',
              ),
            ),
        ),
      })
      .check(periodInOrder()),
  ),
  responses: {
    200: {
      description: 'Entries; nextCursor, when given, continues the same search',
      schema: lazySchema(() =>
        z.object({
          items: z.array(auditEntryViewSchema),
          nextCursor: z.optional(
            z
              .string()
              .check(
                z.describe('Given when the search has more: pass it as cursor to go on; absent at the end'),
              ),
          ),
        }),
      ),
      example: {
        items: [
          {
            actor: '01JC9T5V3W7X1Y4Z8A2B6C0D3E',
            actorKind: 'staff',
            actorName: '李娜',
            actorEmail: 'li.na@sbm-plaza.cn',
            roles: ['support'],
            action: 'loyalty.adjust',
            target: 'customer:01JD3Q8Z6W4K9T2M5N7P1R3S5V',
            before: { balance: 3280 },
            after: {
              balance: 3780,
              points: 500,
              reasonCode: 'service-recovery',
              note: 'Parking ticket refund, case 8812',
            },
            correlationId: '0f7d3c2a-5b1e-4a9f-8c6d-2e4b7a9c1d05',
            sourceIp: '203.0.113.24',
            at: '2026-11-21T02:47:13.406Z',
          },
        ],
        nextCursor: 'q1Nf3Kc8VtY2pLw9ZbR5xMd0GhJ7uEs4aTo6WiQyBnCv',
      },
    },
    400: problemResponse('Bad filter or cursor'),
    ...staffRouteProblems,
  },
});

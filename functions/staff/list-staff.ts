import { listStaff } from '../../lib/auth/staff-list';
import { listStaffRoute } from '../../lib/auth/staff-routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(listStaffRoute, async ({ query }) => ({
  status: 200,
  body: await listStaff(query),
}));

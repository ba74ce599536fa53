import { getStaff, ownStaffView } from '../../lib/auth/staff';
import { staffMeRoute } from '../../lib/auth/staff-routes';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';

export const handler = httpHandler(staffMeRoute, async ({ principal }) => {
  // Read afresh, not from the token: what the console shows is what the staff member may do now.
  const staff = await getStaff(principal.staffId);
  if (!staff?.active) throw problems.unauthorized();
  return { status: 200, body: ownStaffView(staff) };
});

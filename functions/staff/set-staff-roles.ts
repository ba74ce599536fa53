import { recordStaffAction } from '../../lib/audit';
import { getStaff, setStaffRoles, staffView } from '../../lib/auth/staff';
import { setStaffRolesRoute } from '../../lib/auth/staff-routes';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';

export const handler = httpHandler(
  setStaffRolesRoute,
  async ({ principal, params, body, correlationId, sourceIp }) => {
    const before = await getStaff(params.staffId);
    if (!before) throw problems.notFound(`Staff ${params.staffId}`);
    await setStaffRoles(params.staffId, body.roles, body.storeIds);
    const after = staffView({ ...before, roles: body.roles, storeIds: body.storeIds });
    await recordStaffAction({
      actor: principal,
      action: 'staff.roles',
      target: `staff:${params.staffId}`,
      before: staffView(before),
      after,
      correlationId,
      sourceIp,
    });
    return { status: 200, body: after };
  },
);

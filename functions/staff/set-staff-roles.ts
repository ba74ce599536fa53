import { recordStaffAction } from '../../lib/audit';
import { getStaff, setStaffRoles, staffAuditSubject, staffView } from '../../lib/auth/staff';
import { storeManagerHasStores } from '../../lib/auth/store-scope';
import { setStaffRolesRoute } from '../../lib/auth/staff-routes';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';

export const handler = httpHandler(
  setStaffRolesRoute,
  async ({ principal, params, body, correlationId, sourceIp }) => {
    const before = await getStaff(params.staffId);
    if (!before) throw problems.notFound(`Staff ${params.staffId}`);
    const changed = { ...before, roles: body.roles, storeIds: body.storeIds ?? before.storeIds };
    if (!storeManagerHasStores(changed))
      throw problems.validation([
        { field: 'body.storeIds', message: 'storeIds must name at least one store for a store manager' },
      ]);
    await setStaffRoles(params.staffId, body.roles, body.storeIds);
    const after = staffView(changed);
    await recordStaffAction({
      actor: principal,
      action: 'staff.roles',
      target: staffAuditSubject.target(params.staffId),
      before: staffView(before),
      after,
      correlationId,
      sourceIp,
    });
    return { status: 200, body: after };
  },
);

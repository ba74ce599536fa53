import { recordStaffAction } from '../../lib/audit';
import { deactivateStaff, getStaff, staffAuditSubject, staffView } from '../../lib/auth/staff';
import { deactivateStaffRoute } from '../../lib/auth/staff-routes';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';

export const handler = httpHandler(
  deactivateStaffRoute,
  async ({ principal, params, correlationId, sourceIp }) => {
    if (params.staffId === principal.staffId) throw problems.forbidden('You cannot deactivate yourself.');
    const before = await getStaff(params.staffId);
    if (!before) throw problems.notFound(`Staff ${params.staffId}`);
    await deactivateStaff(params.staffId);
    const after = staffView({ ...before, active: false });
    await recordStaffAction({
      actor: principal,
      action: 'staff.deactivate',
      target: staffAuditSubject.target(params.staffId),
      before: staffView(before),
      after,
      correlationId,
      sourceIp,
    });
    return { status: 200, body: after };
  },
);

import { recordStaffAction } from '../../lib/audit';
import { getStaff, setStaffPassword, staffAuditSubject } from '../../lib/auth/staff';
import { resetStaffPasswordRoute } from '../../lib/auth/staff-routes';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';

export const handler = httpHandler(
  resetStaffPasswordRoute,
  async ({ principal, params, body, correlationId, sourceIp }) => {
    if (!(await getStaff(params.staffId))) throw problems.notFound(`Staff ${params.staffId}`);
    await setStaffPassword(params.staffId, body.password);
    // The audit records that the password changed, never the password.
    await recordStaffAction({
      actor: principal,
      action: 'staff.password',
      target: staffAuditSubject.target(params.staffId),
      correlationId,
      sourceIp,
    });
    return { status: 204 };
  },
);

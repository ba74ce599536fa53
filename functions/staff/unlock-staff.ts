import { recordStaffAction } from '../../lib/audit';
import { unlockLogin } from '../../lib/auth/login-throttle';
import { getStaff, staffAuditSubject } from '../../lib/auth/staff';
import { unlockStaffRoute } from '../../lib/auth/staff-routes';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';

export const handler = httpHandler(
  unlockStaffRoute,
  async ({ principal, params, correlationId, sourceIp }) => {
    const staff = await getStaff(params.staffId);
    if (!staff) throw problems.notFound(`Staff ${params.staffId}`);
    const { failures } = await unlockLogin(staff.email);
    await recordStaffAction({
      actor: principal,
      action: 'staff.unlock',
      target: staffAuditSubject.target(params.staffId),
      before: { failures },
      after: { failures: 0 },
      correlationId,
      sourceIp,
    });
    return { status: 200, body: { id: params.staffId, failuresCleared: failures } };
  },
);

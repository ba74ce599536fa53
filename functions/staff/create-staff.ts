import { recordStaffAction } from '../../lib/audit';
import { createStaff, staffAuditSubject } from '../../lib/auth/staff';
import { createStaffRoute } from '../../lib/auth/staff-routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(createStaffRoute, async ({ principal, body, correlationId, sourceIp }) => {
  const staff = await createStaff(body);
  const after = { id: staff.staffId, email: staff.email, roles: staff.roles, storeIds: body.storeIds };
  await recordStaffAction({
    actor: principal,
    action: 'staff.create',
    target: staffAuditSubject.target(staff.staffId),
    after,
    correlationId,
    sourceIp,
  });
  return { status: 201, body: { id: staff.staffId } };
});

import { ulid } from 'ulid';
import { recordStaffAction } from '../../lib/audit';
import { customEventRecorded } from '../../lib/campaigns/custom-events';
import { recordCustomEventRoute } from '../../lib/campaigns/routes';
import { customerAuditSubject } from '../../lib/customers/profile';
import { getCustomerRecord } from '../../lib/customers/repository';
import { publishEvents } from '../../lib/events/publisher';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';

export const handler = httpHandler(
  recordCustomEventRoute,
  async ({ principal, params, body, correlationId, sourceIp }) => {
    const customer = await getCustomerRecord(params.customerId);
    if (!customer || customer.erasedAt) throw problems.notFound(`Customer ${params.customerId}`);
    const eventKey = body.eventKey ?? ulid();
    const occurredAt = body.occurredAt ? new Date(body.occurredAt).toISOString() : new Date().toISOString();
    await publishEvents(
      [customEventRecorded({ customerId: params.customerId, name: body.name, eventKey, occurredAt })],
      correlationId,
    );
    // Named `event`: in an entry about a member, `name` is the member's and kept masked.
    await recordStaffAction({
      actor: principal,
      action: 'customer.event',
      target: customerAuditSubject.target(params.customerId),
      after: { event: body.name, eventKey, occurredAt },
      correlationId,
      sourceIp,
    });
    return { status: 202, body: { name: body.name, eventKey, occurredAt } };
  },
);

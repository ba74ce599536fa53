import { ulid } from 'ulid';
import { recordStaffAction } from '../../lib/audit';
import { recordCustomEventRoute } from '../../lib/campaigns/routes';
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
    // The event id follows the key, so a retried request records the event once.
    await publishEvents(
      [
        {
          name: 'CustomEventRecorded',
          eventId: `CustomEventRecorded-${params.customerId}-${body.name}-${eventKey}`,
          data: { customerId: params.customerId, name: body.name, eventKey, occurredAt },
        },
      ],
      correlationId,
    );
    await recordStaffAction({
      actor: principal,
      action: 'customer.event',
      target: `customer:${params.customerId}`,
      after: { name: body.name, eventKey, occurredAt },
      correlationId,
      sourceIp,
    });
    return { status: 202, body: { name: body.name, eventKey, occurredAt } };
  },
);

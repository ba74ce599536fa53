import { recordPersonalDataRead } from '../../lib/audit';
import { listMemberParticipation } from '../../lib/campaigns/joining';
import { listMemberParticipationRoute } from '../../lib/campaigns/routes';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(
  listMemberParticipationRoute,
  async ({ principal, params, correlationId, sourceIp }) => {
    const items = await listMemberParticipation(params.customerId);
    // Which campaigns a member takes part in tells about them: who read it is on record.
    await recordPersonalDataRead({
      actor: principal,
      action: 'campaigns.participation.read',
      customerIds: [params.customerId],
      correlationId,
      sourceIp,
    });
    return { status: 200, body: { items } };
  },
);

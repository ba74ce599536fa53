import { recordPersonalDataRead } from '../../lib/audit';
import { rolesAllow } from '../../lib/auth/permissions';
import { visibleStores } from '../../lib/auth/store-scope';
import { listMemberBookings } from '../../lib/bookings/member-bookings';
import { listMemberBookingsRoute } from '../../lib/bookings/member-bookings-routes';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';

export const handler = httpHandler(
  listMemberBookingsRoute,
  async ({ principal, params, query, correlationId, sourceIp }) => {
    // Member 360 lets the reader in (customers:read); the bookings are shown where bookings:read reaches.
    if (!rolesAllow(principal.roles, 'bookings:read'))
      throw problems.forbidden("A member's bookings need the bookings:read permission.");
    const page = await listMemberBookings(
      params.customerId,
      query,
      visibleStores(principal, 'bookings:read'),
    );
    // Where and when a member books tells about them, as their ledger does: who read it is on record.
    await recordPersonalDataRead({
      actor: principal,
      action: 'bookings.member-bookings.read',
      customerIds: [params.customerId],
      correlationId,
      sourceIp,
    });
    return { status: 200, body: page };
  },
);

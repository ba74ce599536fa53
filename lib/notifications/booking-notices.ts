import { getVenue } from '../bookings/repository';
import { env, localTime } from './booking-reminders';
import { notifyMember, type MemberNotice } from './notify';

/**
 * What members are told when a booking changes for them: its confirmation, a waitlist offer held for them,
 * and a cancellation made by the venue's staff (a member who cancels needs no word of it). These are service
 * messages about the member's own booking, so no marketing consent is asked. Each notice is keyed by the
 * booking and the fact, so a redelivered or repeated event tells the member once.
 */

interface BookingFacts {
  bookingId: string;
  customerId: string;
  venueId: string;
  start: string;
  partySize: number;
}

export type BookingChange =
  | { name: 'BookingConfirmed'; data: BookingFacts }
  | { name: 'WaitlistOffered'; data: BookingFacts & { offerExpiresAt: string } }
  | { name: 'BookingCancelled'; data: BookingFacts & { by: 'member' | 'staff' } };

/** The notice of a change, or none for a change the member made themselves. */
export function bookingNotice(
  change: BookingChange,
  venue: { name: string; timeZone: string } | undefined,
): Omit<MemberNotice, 'templateId'> | undefined {
  const { data } = change;
  const venueName = venue?.name ?? '您预约的场所';
  const timeZone = venue?.timeZone ?? 'Asia/Shanghai';
  const when = localTime(new Date(data.start), timeZone);
  const detail = `${venueName} ${when}`;
  switch (change.name) {
    case 'BookingConfirmed':
      return {
        id: `booking-confirmed-${data.bookingId}`,
        kind: 'booking-confirmed',
        title: '预约成功',
        body: `您已预约${venueName}，${when}，${data.partySize}位。到场时请出示预约页面的签到二维码。`,
        detail,
        purpose: 'service',
      };
    case 'WaitlistOffered':
      return {
        id: `waitlist-offer-${data.bookingId}`,
        kind: 'waitlist-offer',
        title: '候补名额已为您保留',
        body: `${venueName}${when}有空位了（${data.partySize}位），为您保留至${localTime(new Date(change.data.offerExpiresAt), timeZone)}，请在此之前确认预约，逾期将让给下一位会员。`,
        detail,
        purpose: 'service',
      };
    case 'BookingCancelled':
      if (change.data.by !== 'staff') return undefined;
      return {
        id: `booking-cancelled-${data.bookingId}`,
        kind: 'booking-cancelled',
        title: '预约已被取消',
        body: `您在${venueName}${when}的预约已由场所取消。如有疑问请联系场所。`,
        detail,
        purpose: 'service',
      };
  }
}

/** Tells the member of a booking change, once; answers what was done. */
export async function tellOfBookingChange(change: BookingChange, now = new Date()) {
  const venue = await getVenue(change.data.venueId);
  const notice = bookingNotice(change, venue);
  if (!notice) return 'not-told' as const;
  return notifyMember(
    change.data.customerId,
    { ...notice, templateId: env().WECHAT_TEMPLATE_MILESTONE },
    now,
  );
}

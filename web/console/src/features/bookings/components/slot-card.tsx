import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Popconfirm, Progress, Table, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { GetVenueDayApiResponse } from '../api/bookings';
import { clockOf } from '../time';

export type DaySlot = GetVenueDayApiResponse['slots'][number];
type BookingLine = DaySlot['bookings'][number];
type WaitlistLine = DaySlot['waitlist'][number];
export type BookingStatus = BookingLine['status'];

/** Ant Design's tag colours with the darkest text of each palette, so every tag reads at AA contrast. */
const TEXT_ON = {
  blue: '#003eb3',
  gold: '#614700',
  orange: '#873800',
  default: 'rgba(0, 0, 0, 0.88)',
  green: '#135200',
  red: '#a8071a',
  volcano: '#871400',
  cyan: '#00474f',
  purple: '#391085',
} as const;
type Colour = keyof typeof TEXT_ON;
const tint = (colour: Colour) => ({ color: colour, style: { color: TEXT_ON[colour] } });

const STATUS_COLOURS: Record<BookingStatus, Colour> = {
  confirmed: 'blue',
  waitlisted: 'gold',
  offered: 'orange',
  cancelled: 'default',
  attended: 'green',
  'no-show': 'red',
  'offer-lapsed': 'default',
};

const idTail = (customerId: string) => `#${customerId.slice(-6)}`;

/** A member as the desk names them: the masked name the API gives (or none) and the end of their id. */
export const memberLabel = (member: { customerId: string; name?: string }, t: TFunction) =>
  `${member.name ?? t('bookings.booking.anonymous')} ${idTail(member.customerId)}`;

/** What the desk does to a booking; the page runs it and says what came of it. */
export interface SlotActions {
  checkIn: (booking: BookingLine) => void;
  noShow: (booking: BookingLine) => void;
  cancel: (booking: { bookingId: string; member: { customerId: string; name?: string } }) => void;
  walkIn: (slot: DaySlot) => void;
  /** The booking an action is under way for, if any. */
  pending?: string;
}

/** The member's masked name and the end of their id, which tells two members of one initial apart. */
function Member({ member }: { member: { customerId: string; name?: string } }) {
  const { t } = useTranslation();
  return (
    <span className="nowrap">
      {member.name ?? t('bookings.booking.anonymous')}{' '}
      <Typography.Text type="secondary" className="mono" title={member.customerId}>
        {idTail(member.customerId)}
      </Typography.Text>
    </span>
  );
}

function Occupancy({ slot }: { slot: DaySlot }) {
  const { t } = useTranslation();
  const { capacity } = slot;
  if (capacity.mode === 'pool') {
    const percent =
      capacity.covers > 0 ? Math.min(100, Math.round((capacity.taken / capacity.covers) * 100)) : 0;
    return (
      <Flex align="center" gap={8} className="slot-occupancy">
        <Progress
          percent={percent}
          showInfo={false}
          size="small"
          status={capacity.taken >= capacity.covers ? 'exception' : 'normal'}
          aria-label={t('bookings.slot.occupancy')}
          className="slot-progress"
        />
        <Typography.Text className="nowrap">
          {t('bookings.slot.taken', { taken: capacity.taken, covers: capacity.covers })}
        </Typography.Text>
      </Flex>
    );
  }
  return (
    <Flex wrap gap={4} role="list" aria-label={t('bookings.slot.resources')}>
      {capacity.resources.map((resource) => (
        <Tag role="listitem" key={resource.resourceId} {...tint(resource.bookingId ? 'volcano' : 'green')}>
          {resource.name} · {t(resource.bookingId ? 'bookings.slot.held' : 'bookings.slot.free')}
        </Tag>
      ))}
    </Flex>
  );
}

/** One slot of the day: its time, occupancy, bookings with the desk's actions, and its waitlist. */
export function SlotCard({
  slot,
  timeZone,
  now,
  canWrite,
  actions,
}: {
  slot: DaySlot;
  timeZone: string;
  now: number;
  canWrite: boolean;
  actions: SlotActions;
}) {
  const { t, i18n } = useTranslation();
  const at = (iso: string) => clockOf(iso, timeZone, i18n.language);
  const started = Date.parse(slot.start) <= now;
  const ended = Date.parse(slot.end) <= now;
  const label = t('bookings.slot.label', { start: at(slot.start), end: at(slot.end) });
  const resourceName = (resourceId?: string) =>
    slot.capacity.mode === 'resources'
      ? (slot.capacity.resources.find((resource) => resource.resourceId === resourceId)?.name ?? resourceId)
      : resourceId;

  return (
    <Card
      size="small"
      className="slot-card"
      role="region"
      aria-label={label}
      title={
        <Flex align="center" gap={12} wrap>
          <h2 className="card-heading slot-time">
            {at(slot.start)}–{at(slot.end)}
          </h2>
          {ended && <Tag>{t('bookings.slot.ended')}</Tag>}
          <Occupancy slot={slot} />
        </Flex>
      }
      extra={
        canWrite &&
        !ended && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => actions.walkIn(slot)}
            aria-label={`${t('bookings.slot.walkIn')} ${at(slot.start)}`}
          >
            {t('bookings.slot.walkIn')}
          </Button>
        )
      }
    >
      {slot.bookings.length === 0 ? (
        <Typography.Text type="secondary">{t('bookings.slot.noBookings')}</Typography.Text>
      ) : (
        <Table<BookingLine>
          size="small"
          rowKey="bookingId"
          pagination={false}
          dataSource={slot.bookings}
          columns={[
            {
              title: t('bookings.booking.member'),
              key: 'member',
              render: (_, booking) => <Member member={booking.member} />,
            },
            {
              title: t('bookings.booking.party'),
              dataIndex: 'partySize',
              className: 'nowrap',
              render: (count: number) => t('bookings.booking.partyOf', { count }),
            },
            ...(slot.capacity.mode === 'resources'
              ? [
                  {
                    title: t('bookings.booking.resource'),
                    key: 'resource',
                    render: (_: unknown, booking: BookingLine) => resourceName(booking.resourceId) ?? '—',
                  },
                ]
              : []),
            {
              title: t('bookings.booking.note'),
              dataIndex: 'note',
              render: (note?: string) => note ?? '—',
            },
            {
              title: t('bookings.booking.channel'),
              dataIndex: 'channel',
              render: (channel: BookingLine['channel']) => (
                <Tag {...tint(channel === 'staff' ? 'purple' : 'cyan')}>
                  {t(`bookings.channel.${channel}`)}
                </Tag>
              ),
            },
            {
              title: t('bookings.booking.status'),
              key: 'status',
              render: (_, booking) => (
                <Flex vertical gap={2}>
                  <span>
                    <Tag {...tint(STATUS_COLOURS[booking.status])}>
                      {t(`bookings.statuses.${booking.status}`)}
                    </Tag>
                  </span>
                  {booking.attendedAt && (
                    <Typography.Text type="secondary" className="nowrap">
                      {t('bookings.booking.attendedAt', { time: at(booking.attendedAt) })}
                    </Typography.Text>
                  )}
                </Flex>
              ),
            },
            ...(canWrite
              ? [
                  {
                    title: t('bookings.booking.actions'),
                    key: 'actions',
                    render: (_: unknown, booking: BookingLine) => (
                      <BookingActions booking={booking} started={started} actions={actions} />
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {slot.waitlist.length > 0 && (
        <Flex vertical gap={4} className="slot-waitlist">
          <Typography.Text strong>
            {t('bookings.slot.waitlist', { count: slot.waitlist.length })}
          </Typography.Text>
          <ol className="waitlist" aria-label={t('bookings.slot.waitlist', { count: slot.waitlist.length })}>
            {slot.waitlist.map((line) => (
              <WaitlistItem
                key={line.bookingId}
                line={line}
                at={at}
                canWrite={canWrite && !started}
                actions={actions}
              />
            ))}
          </ol>
        </Flex>
      )}
    </Card>
  );
}

function BookingActions({
  booking,
  started,
  actions,
}: {
  booking: BookingLine;
  started: boolean;
  actions: SlotActions;
}) {
  const { t } = useTranslation();
  if (booking.status !== 'confirmed') return null;
  const who = memberLabel(booking.member, t);
  const busy = actions.pending === booking.bookingId;
  return (
    <Flex gap={4} wrap>
      <Button
        size="small"
        type="primary"
        loading={busy}
        onClick={() => actions.checkIn(booking)}
        aria-label={`${t('bookings.booking.checkIn')} ${who}`}
      >
        {t('bookings.booking.checkIn')}
      </Button>
      {started ? (
        <Button
          size="small"
          danger
          disabled={busy}
          onClick={() => actions.noShow(booking)}
          aria-label={`${t('bookings.booking.noShow')} ${who}`}
        >
          {t('bookings.booking.noShow')}
        </Button>
      ) : (
        <Popconfirm
          title={t('bookings.booking.cancelTitle')}
          description={<div className="confirm-body">{t('bookings.booking.cancelBody')}</div>}
          okText={t('bookings.booking.cancelConfirm')}
          cancelText={t('bookings.booking.keep')}
          okButtonProps={{ danger: true }}
          onConfirm={() => actions.cancel(booking)}
        >
          <Button size="small" disabled={busy} aria-label={`${t('bookings.booking.cancel')} ${who}`}>
            {t('bookings.booking.cancel')}
          </Button>
        </Popconfirm>
      )}
    </Flex>
  );
}

function WaitlistItem({
  line,
  at,
  canWrite,
  actions,
}: {
  line: WaitlistLine;
  at: (iso: string) => string;
  canWrite: boolean;
  actions: SlotActions;
}) {
  const { t } = useTranslation();
  const who = memberLabel(line.member, t);
  return (
    <li>
      <Flex align="center" gap={8} wrap>
        <Typography.Text>{t('bookings.waitlist.position', { position: line.position })}</Typography.Text>
        <Member member={line.member} />
        <Typography.Text>{t('bookings.booking.partyOf', { count: line.partySize })}</Typography.Text>
        <Tag {...tint(STATUS_COLOURS[line.status])}>{t(`bookings.statuses.${line.status}`)}</Tag>
        {line.offerExpiresAt && (
          <Typography.Text type="secondary">
            {t('bookings.waitlist.offeredUntil', { time: at(line.offerExpiresAt) })}
          </Typography.Text>
        )}
        {canWrite && (
          <Popconfirm
            title={t('bookings.waitlist.cancelTitle')}
            okText={t('bookings.waitlist.cancel')}
            cancelText={t('bookings.booking.keep')}
            okButtonProps={{ danger: true }}
            onConfirm={() => actions.cancel(line)}
          >
            <Button
              size="small"
              type="link"
              disabled={actions.pending === line.bookingId}
              aria-label={`${t('bookings.waitlist.cancel')} ${who}`}
            >
              {t('bookings.waitlist.cancel')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
    </li>
  );
}

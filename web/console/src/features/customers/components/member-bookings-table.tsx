import { Alert, Button, Empty, Flex, Segmented, Table, Tag, Typography } from 'antd';
import { formatCount } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useListMemberBookingsQuery, type ListMemberBookingsApiResponse } from '../api/customers';
import { CursorPager, useCursorPages } from '@/components/cursor-pager';

type Line = ListMemberBookingsApiResponse['items'][number];
type When = 'upcoming' | 'past';
const PAGE_SIZE = 10;
const STATUS_COLORS: Record<Line['status'], string> = {
  confirmed: 'blue',
  waitlisted: 'gold',
  offered: 'orange',
  attended: 'green',
  'no-show': 'red',
  cancelled: 'default',
  'offer-lapsed': 'default',
};

/**
 * The wall-clock date and time of an ISO string with an offset, as the API gives booking times: the
 * venue's local time, whatever the browser's zone (2026-12-12T19:00:00+08:00 → 2026-12-12, 19:00).
 */
const venueClock = (iso: string) => ({ day: iso.slice(0, 10), time: iso.slice(11, 16) });

/** A local date as the language writes it, with the weekday: 2026/12/12 周六, Sat, 12/12/2026. */
function formatVenueDay(day: string, locale: string) {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return day;
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
  }).format(Date.UTC(year, month - 1, date));
}

/** The member's bookings, upcoming (soonest first) or past (newest first), in the venues' own time. */
export function MemberBookingsTable({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [when, setWhen] = useState<When>('upcoming');
  const pages = useCursorPages(`${customerId}:${when}`);
  const { data, error, isFetching, refetch } = useListMemberBookingsQuery({
    customerId,
    when,
    limit: PAGE_SIZE,
    cursor: pages.cursor,
  });

  const slotText = (line: Line) => {
    const start = venueClock(line.start);
    const end = venueClock(line.end);
    const endText = end.day === start.day ? end.time : `${formatVenueDay(end.day, language)} ${end.time}`;
    return `${formatVenueDay(start.day, language)} ${start.time}–${endText}`;
  };

  return (
    <Flex vertical gap={16}>
      <Segmented<When>
        aria-label={t('customers.bookings.which')}
        value={when}
        onChange={setWhen}
        options={[
          { value: 'upcoming', label: t('customers.bookings.upcoming') },
          { value: 'past', label: t('customers.bookings.past') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      {error ? (
        <Alert
          type="error"
          showIcon
          title={t('customers.loadFailed')}
          description={problemText(error, t, language)}
          action={<Button onClick={() => void refetch()}>{t('app.retry')}</Button>}
        />
      ) : (
        <>
          <Table<Line>
            rowKey="bookingId"
            dataSource={data?.items}
            loading={isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={
                    when === 'upcoming'
                      ? t('customers.bookings.emptyUpcoming')
                      : t('customers.bookings.emptyPast')
                  }
                />
              ),
            }}
            columns={[
              {
                key: 'slot',
                title: t('customers.bookings.slot'),
                render: (_, line) => (
                  <Flex vertical>
                    <span>{slotText(line)}</span>
                    <Typography.Text type="secondary">{t('customers.bookings.venueTime')}</Typography.Text>
                  </Flex>
                ),
              },
              {
                key: 'venue',
                title: t('customers.bookings.venue'),
                render: (_, line) => (
                  <Flex vertical>
                    <span>{line.venueName ?? line.venueId}</span>
                    {line.venueKind && (
                      <Typography.Text type="secondary">
                        {t(`customers.bookings.kinds.${line.venueKind}`)}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
              },
              {
                key: 'party',
                title: t('customers.bookings.partySize'),
                align: 'right',
                render: (_, line) => formatCount(line.partySize, language),
              },
              {
                key: 'resource',
                title: t('customers.bookings.resource'),
                render: (_, line) => line.resourceId ?? '—',
              },
              {
                key: 'channel',
                title: t('customers.bookings.channel'),
                render: (_, line) => t(`customers.bookings.channels.${line.channel}`),
              },
              {
                key: 'status',
                title: t('customers.bookings.status'),
                render: (_, line) => (
                  <Flex gap={4} wrap>
                    <Tag color={STATUS_COLORS[line.status]}>
                      {t(`customers.bookings.statuses.${line.status}`)}
                    </Tag>
                    {line.late && <Tag color="orange">{t('customers.bookings.late')}</Tag>}
                  </Flex>
                ),
              },
            ]}
          />
          <CursorPager pages={pages} nextCursor={data?.nextCursor} label={t('customers.tabs.bookings')} />
        </>
      )}
    </Flex>
  );
}

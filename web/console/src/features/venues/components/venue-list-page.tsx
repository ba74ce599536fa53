import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Select, Table, Typography } from 'antd';
import { VENUE_KINDS, type VenueKind } from '@sbm/web-shared/contracts';
import { problemText } from '@sbm/web-shared/problems';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { CursorPager, useCursorPages } from '@/components/cursor-pager';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useVenuesAccess } from '../access';
import {
  PAGE_SIZE,
  STORE_PAGE,
  useListStoresQuery,
  useListVenuesForStaffQuery,
  type Venue,
} from '../api/venues';
import { VenueKindTag, VenueStatusTag } from './venue-tags';
import './venues.css';

const isKind = (value: string | null): value is VenueKind => VENUE_KINDS.includes(value as VenueKind);

/** How much a venue holds: covers a slot, or its resources that take bookings and their seats. */
function CapacityText({ venue }: { venue: Venue }) {
  const { t } = useTranslation();
  const { capacity } = venue;
  const slot = t('venues.list.slot', { minutes: venue.slotMinutes });
  if (capacity.mode === 'pool')
    return (
      <Flex vertical>
        <span>{t('venues.list.pool', { count: capacity.coversPerSlot })}</span>
        <Typography.Text type="secondary">{slot}</Typography.Text>
      </Flex>
    );
  const active = capacity.resources.filter((resource) => resource.active);
  const inactive = capacity.resources.length - active.length;
  return (
    <Flex vertical>
      <span>
        {t('venues.list.resources', {
          count: active.length,
          seats: active.reduce((seats, resource) => seats + resource.seats, 0),
        })}
        {inactive > 0 && ` ${t('venues.list.inactiveResources', { count: inactive })}`}
      </span>
      <Typography.Text type="secondary">{slot}</Typography.Text>
    </Flex>
  );
}

/** The venues the staff member may see, filtered by kind (kept in the URL), each linked to its day view. */
export function VenueListPage() {
  const { t, i18n } = useTranslation();
  const access = useVenuesAccess();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const { state } = useLocation() as { state: { saved?: string; created?: string } | null };
  const kindParam = search.get('kind');
  const kind = isKind(kindParam) ? kindParam : undefined;
  const pages = useCursorPages(kind ?? '');
  const { data, error, isFetching, refetch } = useListVenuesForStaffQuery({
    limit: PAGE_SIZE,
    cursor: pages.cursor,
    kind,
  });
  const stores = useListStoresQuery({ limit: STORE_PAGE }, { skip: !access.readStores });
  const storeName = new Map((stores.data?.items ?? []).map((store) => [store.storeId, store.name]));
  useDocumentTitle(t('venues.title'));

  return (
    <Flex vertical gap={20} className="page venues-section">
      <Flex justify="space-between" align="flex-end" wrap gap={16}>
        <div>
          <Typography.Title level={1} className="page-title">
            {t('venues.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('venues.list.subtitle')}</Typography.Text>
        </div>
        {access.writeVenues && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/venues/new')}>
            {t('venues.list.create')}
          </Button>
        )}
      </Flex>
      {state?.created && (
        <Alert
          type="success"
          showIcon
          role="status"
          closable={{ onClose: () => void navigate('.', { replace: true, state: null }) }}
          title={t('venues.list.created', { name: state.created })}
        />
      )}
      {state?.saved && (
        <Alert
          type="success"
          showIcon
          role="status"
          closable={{ onClose: () => void navigate('.', { replace: true, state: null }) }}
          title={t('venues.list.saved', { name: state.saved })}
        />
      )}
      {error && !data ? (
        <Alert
          type="error"
          showIcon
          title={t('venues.loadFailed')}
          description={problemText(error, t, i18n.language)}
          action={<Button onClick={() => void refetch()}>{t('venues.retry')}</Button>}
        />
      ) : (
        <Card>
          <Flex gap={12} align="center" style={{ marginBottom: 16 }}>
            <Select<VenueKind | 'all'>
              aria-label={t('venues.list.kindFilter')}
              value={kind ?? 'all'}
              style={{ width: 200 }}
              onChange={(value) => setSearch(value === 'all' ? {} : { kind: value })}
              options={[
                { value: 'all', label: t('venues.list.allKinds') },
                ...VENUE_KINDS.map((value) => ({ value, label: t(`venues.kind.${value}`) })),
              ]}
            />
          </Flex>
          <Table<Venue>
            rowKey="id"
            loading={isFetching}
            dataSource={data?.items}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: (
                <Empty
                  description={
                    kind ? (
                      <strong>{t('venues.list.emptyFiltered')}</strong>
                    ) : (
                      <>
                        <strong>{t('venues.list.empty')}</strong>
                        <br />
                        {access.writeVenues ? t('venues.list.emptyHint') : t('venues.list.emptyReadOnly')}
                      </>
                    )
                  }
                />
              ),
            }}
            columns={[
              {
                title: t('venues.list.name'),
                dataIndex: 'name',
                render: (name: string, venue) => <Link to={`/venues/${venue.id}`}>{name}</Link>,
              },
              {
                title: t('venues.list.id'),
                dataIndex: 'id',
                render: (id: string) => <span className="mono">{id}</span>,
              },
              {
                title: t('venues.list.kind'),
                dataIndex: 'kind',
                className: 'nowrap',
                render: (value: Venue['kind']) => <VenueKindTag kind={value} />,
              },
              {
                title: t('venues.list.store'),
                dataIndex: 'storeId',
                render: (storeId: string | undefined) =>
                  storeId ? (
                    <Flex vertical>
                      <span>{storeName.get(storeId) ?? storeId}</span>
                      {storeName.has(storeId) && (
                        <Typography.Text type="secondary" className="mono">
                          {storeId}
                        </Typography.Text>
                      )}
                    </Flex>
                  ) : (
                    t('venues.list.mall')
                  ),
              },
              {
                title: t('venues.list.capacity'),
                key: 'capacity',
                render: (_, venue) => <CapacityText venue={venue} />,
              },
              {
                title: t('venues.list.status'),
                dataIndex: 'status',
                className: 'nowrap',
                render: (status: Venue['status']) => <VenueStatusTag status={status} />,
              },
              {
                title: t('venues.list.actions'),
                key: 'actions',
                className: 'nowrap',
                render: (_, venue) => (
                  <Link
                    to={`/bookings?venue=${encodeURIComponent(venue.id)}`}
                    aria-label={t('venues.list.dayViewOf', { name: venue.name })}
                  >
                    <CalendarOutlined aria-hidden /> {t('venues.list.dayView')}
                  </Link>
                ),
              },
            ]}
          />
          <CursorPager pages={pages} nextCursor={data?.nextCursor} />
        </Card>
      )}
    </Flex>
  );
}

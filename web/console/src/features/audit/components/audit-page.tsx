import { SearchOutlined } from '@ant-design/icons';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Select,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import type { ListAuditEntriesApiResponse } from '@sbm/web-shared/api';
import { addDays, businessDayOf, formatDateTime } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useShellProfile } from '@/features/shell';
import { CursorPager, useCursorPages } from '@/components/cursor-pager';
import { useDocumentTitle } from '@/lib/use-document-title';
import { actionLabel, KNOWN_ACTIONS } from '../actions';
import { useListAuditEntriesQuery, useListStaffQuery } from '../api/audit';
import { ActorName } from './actor-name';
import { AuditEntryDrawer } from './audit-entry-drawer';

export type AuditEntry = ListAuditEntriesApiResponse['items'][number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PAGE_SIZES = [20, 50, 100];
/** The API searches at most 93 days by time alone. */
const MAX_DAYS = 93;

interface Filters {
  actor?: string;
  action?: string;
  target?: string;
  from: string;
  to: string;
}

/** The filters the URL holds; the last 7 days unless it names a period. */
function filtersOf(search: URLSearchParams, today: string): Filters {
  const text = (name: string) => search.get(name)?.trim() || undefined;
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  const period =
    DAY.test(from) && DAY.test(to) && from <= to ? { from, to } : { from: addDays(today, -6), to: today };
  return { actor: text('actor'), action: text('action'), target: text('target'), ...period };
}

interface FormValues {
  actor?: string;
  action?: string;
  target?: string;
  period: [Dayjs, Dayjs];
}

/** The audit trail: who did what to what, when; filtered, paged with the API's cursors, each entry opened. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  useDocumentTitle(t('menu.audit'));
  const today = useMemo(() => businessDayOf(new Date()), []);
  const [search, setSearch] = useSearchParams();
  const filters = filtersOf(search, today);
  const [limit, setLimit] = useState(PAGE_SIZES[0]!);
  // A new search (filters, page size, the browser's back button) starts again from the first page.
  const pages = useCursorPages(JSON.stringify([filters, limit]));
  const [opened, setOpened] = useState<AuditEntry>();
  const [form] = Form.useForm<FormValues>();

  const { permissions } = useShellProfile();
  const staff = useListStaffQuery({ limit: 100 }, { skip: !permissions.has('staff:read') });
  const { data, error, isFetching, refetch } = useListAuditEntriesQuery({
    ...filters,
    limit,
    cursor: pages.cursor,
  });

  const apply = (values: FormValues) => {
    const next = new URLSearchParams();
    for (const name of ['actor', 'action', 'target'] as const) {
      const value = values[name]?.trim();
      if (value) next.set(name, value);
    }
    next.set('from', values.period[0].format('YYYY-MM-DD'));
    next.set('to', values.period[1].format('YYYY-MM-DD'));
    pages.first();
    setSearch(next, { replace: true });
  };

  const columns: TableColumnsType<AuditEntry> = [
    {
      key: 'at',
      title: t('audit.at'),
      dataIndex: 'at',
      width: 170,
      render: (at: string) => formatDateTime(at, language),
    },
    { key: 'actor', title: t('audit.actor'), render: (_, entry) => <ActorName entry={entry} /> },
    {
      key: 'action',
      title: t('audit.action'),
      render: (_, entry) => (
        <Flex vertical>
          <span>{actionLabel(entry.action, t)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {entry.action}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'target',
      title: t('audit.target'),
      dataIndex: 'target',
      render: (target: string) => (
        <Typography.Text style={{ wordBreak: 'break-all' }}>{target}</Typography.Text>
      ),
    },
    {
      key: 'sourceIp',
      title: t('audit.sourceIp'),
      dataIndex: 'sourceIp',
      width: 140,
      render: (ip?: string) => ip ?? '—',
    },
    {
      key: 'open',
      title: <span className="visually-hidden">{t('audit.details')}</span>,
      width: 110,
      render: (_, entry) => (
        <Button
          size="small"
          onClick={() => setOpened(entry)}
          aria-label={t('audit.openEntry', {
            action: actionLabel(entry.action, t),
            at: formatDateTime(entry.at, language),
          })}
        >
          {t('audit.details')}
        </Button>
      ),
    },
  ];

  const filtered = !!(filters.actor || filters.action || filters.target);
  return (
    <Flex vertical gap={16} className="page">
      <div>
        <Typography.Title level={1} className="page-title">
          {t('menu.audit')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('audit.subtitle')}</Typography.Text>
      </div>
      <Card>
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={{
            actor: filters.actor,
            action: filters.action,
            target: filters.target,
            period: [dayjs(filters.from), dayjs(filters.to)],
          }}
          onFinish={apply}
        >
          <Flex gap={16} wrap align="flex-end">
            <Form.Item name="actor" label={t('audit.actorFilter')} style={{ width: 280, marginBottom: 0 }}>
              <AutoComplete
                allowClear
                placeholder={t('audit.actorPlaceholder')}
                options={(staff.data?.items ?? []).map((member) => ({
                  value: member.email,
                  label: `${member.name} · ${member.email}`,
                }))}
                filterOption={(typed, option) =>
                  !!option && String(option.label).toLowerCase().includes(typed.trim().toLowerCase())
                }
              />
            </Form.Item>
            <Form.Item name="action" label={t('audit.actionFilter')} style={{ width: 240, marginBottom: 0 }}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('audit.actionPlaceholder')}
                options={KNOWN_ACTIONS.map((action) => ({
                  value: action,
                  label: `${actionLabel(action, t)} (${action})`,
                }))}
              />
            </Form.Item>
            <Form.Item name="target" label={t('audit.targetFilter')} style={{ width: 240, marginBottom: 0 }}>
              <Input allowClear placeholder={t('audit.targetPlaceholder')} />
            </Form.Item>
            <Form.Item
              name="period"
              label={t('audit.period')}
              style={{ marginBottom: 0 }}
              rules={[{ required: true, message: t('audit.periodRequired') }]}
            >
              <DatePicker.RangePicker
                allowClear={false}
                placeholder={[t('audit.periodStart'), t('audit.periodEnd')]}
                disabledDate={(current: Dayjs, { from }) =>
                  current.format('YYYY-MM-DD') > today ||
                  (from !== undefined && Math.abs(current.diff(from, 'day')) >= MAX_DAYS)
                }
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('audit.search')}
            </Button>
            <Button
              onClick={() => {
                form.setFieldsValue({ actor: undefined, action: undefined, target: undefined });
                apply({ period: [dayjs(addDays(today, -6)), dayjs(today)] });
                form.setFieldValue('period', [dayjs(addDays(today, -6)), dayjs(today)]);
              }}
            >
              {t('audit.reset')}
            </Button>
          </Flex>
        </Form>
      </Card>
      <Card>
        {error ? (
          <Alert
            type="error"
            showIcon
            title={t('audit.loadFailed')}
            description={problemText(error, t, language)}
            action={<Button onClick={() => void refetch()}>{t('app.retry')}</Button>}
          />
        ) : (
          <>
            <Table<AuditEntry>
              rowKey={(entry) => `${entry.at}|${entry.correlationId}|${entry.action}|${entry.target}`}
              size="middle"
              loading={isFetching}
              columns={columns}
              dataSource={data?.items ?? []}
              pagination={false}
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={
                      <>
                        <strong>{t(filtered ? 'audit.noMatches' : 'audit.empty')}</strong>
                        <br />
                        {t(filtered ? 'audit.noMatchesHint' : 'audit.emptyHint')}
                      </>
                    }
                  />
                ),
              }}
            />
            <CursorPager pages={pages} nextCursor={data?.nextCursor} disabled={isFetching}>
              <Select
                aria-label={t('audit.pageSize')}
                value={limit}
                style={{ width: 130 }}
                options={PAGE_SIZES.map((size) => ({ value: size, label: t('audit.perPage', { size }) }))}
                onChange={setLimit}
              />
            </CursorPager>
          </>
        )}
      </Card>
      <AuditEntryDrawer entry={opened} onClose={() => setOpened(undefined)} />
    </Flex>
  );
}

import { QrcodeOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Form, Input, Segmented, Table, Typography } from 'antd';
import { formatDateTime } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useShellProfile } from '@/features/shell';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useLazyLookUpMemberCodeQuery, useSearchCustomersQuery, type Customer } from '../api/customers';
import { CursorPager, useCursorPages } from '@/components/cursor-pager';

const MODES = ['memberCode', 'phone', 'customerId', 'name'] as const;
type Mode = (typeof MODES)[number];
const PATTERNS: Record<Mode, RegExp> = {
  memberCode: /^\d{12}$/,
  phone: /^\d{5,15}$/,
  customerId: /^\S{1,64}$/,
  name: /\S/,
};
const PAGE_SIZE = 20;

/**
 * Finding a member: by the member code scanned at the desk (straight to the member), by member id, or
 * by phone or name (a list of those found, a page at a time). A phone or name search is kept in the
 * browser's history entry, so going back from a member returns to the same results. Name search is offered only to
 * staff who may see names; the API refuses it to the others too.
 */
export function CustomerSearchPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { permissions } = useShellProfile();
  const seesPii = permissions.has('customers:pii');
  // The search lives in the history entry, not the address: a phone number or a name never lands in a URL.
  const searched = (useLocation().state ?? {}) as { by?: string; q?: string };
  const listed = searched.by === 'phone' || searched.by === 'name' ? searched.by : undefined;
  const query = listed ? (searched.q ?? '') : '';
  const [mode, setMode] = useState<Mode>(listed ?? 'memberCode');
  const [form] = Form.useForm<{ term: string }>();
  const [lookUpCode, codeLookup] = useLazyLookUpMemberCodeQuery();
  useDocumentTitle(t('customers.title'));

  const modes = MODES.filter((candidate) => candidate !== 'name' || seesPii);
  const pages = useCursorPages(`${listed}:${query}`);
  const searchArgs =
    listed === 'phone'
      ? { phone: query, limit: PAGE_SIZE, cursor: pages.cursor }
      : { name: query, limit: PAGE_SIZE, cursor: pages.cursor };
  const skip = !listed || !query || (listed === 'name' && !seesPii);
  const results = useSearchCustomersQuery(searchArgs, { skip });

  useEffect(() => {
    form.setFieldsValue({ term: query });
  }, [form, query]);

  const find = async ({ term }: { term: string }) => {
    const value = term.trim();
    if (mode === 'memberCode') {
      const found = await lookUpCode({ code: value })
        .unwrap()
        .catch(() => undefined);
      if (found) void navigate(`/customers/${encodeURIComponent(found.customer.id)}`);
      return;
    }
    if (mode === 'customerId') {
      void navigate(`/customers/${encodeURIComponent(value)}`);
      return;
    }
    void navigate('.', { state: { by: mode, q: value } });
  };

  const language = i18n.language;
  const error = mode === 'memberCode' ? codeLookup.error : undefined;
  const columns = [
    {
      key: 'member',
      title: t('customers.column.member'),
      render: (_: unknown, customer: Customer) => (
        <Flex vertical>
          <Link to={`/customers/${encodeURIComponent(customer.id)}`}>
            {customer.name ?? t('customers.noName')}
          </Link>
          <Typography.Text type="secondary" copyable={{ text: customer.id }}>
            {customer.id}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'phone', title: t('customers.column.phone'), render: (_: unknown, c: Customer) => c.phone ?? '—' },
    {
      key: 'gender',
      title: t('customers.column.gender'),
      render: (_: unknown, c: Customer) => (c.gender ? t(`customers.gender.${c.gender}`) : '—'),
    },
    {
      key: 'birthday',
      title: t('customers.column.birthday'),
      render: (_: unknown, c: Customer) => c.birthday ?? '—',
    },
    {
      key: 'memberSince',
      title: t('customers.column.memberSince'),
      render: (_: unknown, c: Customer) => formatDateTime(c.memberSince, language),
    },
    {
      key: 'actions',
      title: t('customers.column.actions'),
      render: (_: unknown, c: Customer) => (
        <Button onClick={() => void navigate(`/customers/${encodeURIComponent(c.id)}`)}>
          {t('customers.open')}
          <span className="visually-hidden"> {c.name ?? c.id}</span>
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={24} className="page">
      <div>
        <Typography.Title level={1} className="page-title">
          {t('customers.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('customers.subtitle')}</Typography.Text>
      </div>
      <Card>
        <Flex vertical gap={16}>
          <Segmented<Mode>
            aria-label={t('customers.searchBy')}
            style={{ alignSelf: 'flex-start' }}
            value={mode}
            onChange={(next) => {
              setMode(next);
              form.resetFields();
            }}
            options={modes.map((value) => ({ value, label: t(`customers.by.${value}`) }))}
          />
          <Form form={form} layout="vertical" onFinish={(values) => void find(values)} requiredMark={false}>
            <Flex gap={12} align="flex-start">
              <Form.Item
                name="term"
                label={t(`customers.by.${mode}`)}
                style={{ flex: 1, maxWidth: 640, marginBottom: 0 }}
                rules={[
                  { required: true, whitespace: true, message: t(`customers.invalid.${mode}`) },
                  { pattern: PATTERNS[mode], message: t(`customers.invalid.${mode}`) },
                ]}
                extra={mode === 'memberCode' ? t('customers.memberCodeHint') : undefined}
              >
                <Input
                  size="large"
                  autoFocus
                  allowClear
                  autoComplete="off"
                  prefix={mode === 'memberCode' ? <QrcodeOutlined aria-hidden /> : undefined}
                  inputMode={mode === 'memberCode' || mode === 'phone' ? 'numeric' : undefined}
                  placeholder={t(`customers.placeholder.${mode}`)}
                />
              </Form.Item>
              <Button
                type="primary"
                size="large"
                htmlType="submit"
                icon={<SearchOutlined />}
                loading={codeLookup.isFetching}
                style={{ marginTop: 30 }}
              >
                {t('customers.search')}
              </Button>
            </Flex>
          </Form>
          {error && (
            <Alert
              type="error"
              showIcon
              title={t('customers.searchFailed')}
              description={problemText(error, t, language)}
            />
          )}
        </Flex>
      </Card>
      {listed === 'name' && !seesPii ? (
        <Alert type="warning" showIcon title={t('customers.nameNeedsPii')} />
      ) : !listed || !query ? (
        <Card>
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <Flex vertical gap={4}>
                <Typography.Text strong>{t('customers.emptyTitle')}</Typography.Text>
                <Typography.Text type="secondary">{t('customers.emptyBody')}</Typography.Text>
              </Flex>
            }
          />
        </Card>
      ) : (
        <Card title={<h2 className="card-heading">{t('customers.results')}</h2>}>
          {results.error ? (
            <Alert
              type="error"
              showIcon
              title={t('customers.searchFailed')}
              description={problemText(results.error, t, language)}
              action={<Button onClick={() => void results.refetch()}>{t('app.retry')}</Button>}
            />
          ) : (
            <>
              <Table<Customer>
                rowKey="id"
                columns={columns}
                dataSource={results.data?.items}
                loading={results.isFetching}
                pagination={false}
                locale={{
                  emptyText: (
                    <Empty
                      image={Empty.PRESENTED_IMAGE_SIMPLE}
                      description={
                        <Flex vertical gap={4}>
                          <Typography.Text strong>{t('customers.noMatchTitle')}</Typography.Text>
                          <Typography.Text type="secondary">{t('customers.noMatchBody')}</Typography.Text>
                        </Flex>
                      }
                    />
                  ),
                }}
              />
              <CursorPager
                pages={pages}
                nextCursor={results.data?.nextCursor}
                label={t('customers.results')}
              />
            </>
          )}
        </Card>
      )}
    </Flex>
  );
}

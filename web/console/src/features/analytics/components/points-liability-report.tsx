import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  InputNumber,
  Row,
  Statistic,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import type { GetPointsLiabilityApiResponse } from '@sbm/web-shared/api';
import { businessDayOf, formatCount, formatMoney } from '@sbm/web-shared/format';
import { asApiError, problemText } from '@sbm/web-shared/problems';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useGetPointsLiabilityQuery } from '../api/analytics';
import { secondaryLine, subheading } from './styles';
import { csvFileName } from '../csv';
import { liabilityCsv } from '../rows';
import { useSaveReport } from './use-save-report';

type StoreOfIssue = GetPointsLiabilityApiResponse['byStoreOfIssue'][number];

/** What one point is worth, from the URL (?pointValueFen=), 1 fen unless a sensible value is given. */
const pointValueOf = (search: URLSearchParams) => {
  const value = Number(search.get('pointValueFen'));
  return Number.isFinite(value) && value > 0 && value <= 10_000 ? value : 1;
};

/** Points members hold and what they are worth, what moved them, and the stores whose sales issued them. */
export function PointsLiabilityReport() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const today = useMemo(() => businessDayOf(new Date()), []);
  const [search, setSearch] = useSearchParams();
  const pointValueFen = pointValueOf(search);
  const { data, error, isFetching, refetch } = useGetPointsLiabilityQuery({ pointValueFen });
  const saveReport = useSaveReport();

  const columns: TableColumnsType<StoreOfIssue> = [
    {
      key: 'store',
      title: t('analytics.store'),
      render: (_, store) => (
        <Flex vertical>
          <span>{store.storeName ?? store.storeId}</span>
          {store.storeName && (
            <Typography.Text type="secondary" style={secondaryLine}>
              {store.storeId}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    ...(['issued', 'reversed', 'netIssued'] as const).map((key) => ({
      key,
      title: t(`analytics.${key}`),
      dataIndex: key,
      align: 'right' as const,
      render: (value: number) => formatCount(value, language),
    })),
    {
      key: 'netIssuedValueFen',
      title: t('analytics.netIssuedValue'),
      dataIndex: 'netIssuedValueFen',
      align: 'right',
      render: (value: number) => formatMoney(value, language),
    },
  ];

  return (
    <Card
      title={<h2 className="card-heading">{t('analytics.liability')}</h2>}
      extra={
        <Flex gap={12} wrap align="center" justify="flex-end">
          <label htmlFor="point-value">{t('analytics.pointValue')}</label>
          <InputNumber
            id="point-value"
            min={0.01}
            max={10_000}
            step={0.5}
            value={pointValueFen}
            suffix={t('analytics.fenPerPoint')}
            style={{ width: 160 }}
            onChange={(value) =>
              value !== null && value > 0 && setSearch({ pointValueFen: String(value) }, { replace: true })
            }
          />
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            disabled={!data || data.byStoreOfIssue.length === 0}
            onClick={() =>
              data &&
              void saveReport(
                { name: csvFileName('points-liability', today), content: liabilityCsv(data, t) },
                { report: 'points-liability', from: today, to: today, rows: data.byStoreOfIssue.length },
              )
            }
          >
            {t('analytics.downloadCsv')}
          </Button>
        </Flex>
      }
    >
      {error && !data && asApiError(error).status === 403 ? (
        <Alert type="info" showIcon title={t('analytics.liabilityNotYours')} />
      ) : error && !data ? (
        <Alert
          type="error"
          showIcon
          title={t('analytics.loadFailed')}
          description={problemText(error, t, language)}
          action={<Button onClick={() => void refetch()}>{t('app.retry')}</Button>}
        />
      ) : (
        <Flex vertical gap={24}>
          <Row gutter={[24, 16]}>
            <Col xs={12} md={6}>
              <Statistic
                title={t('analytics.outstandingPoints')}
                loading={!data}
                value={data ? formatCount(data.outstandingPoints, language) : '—'}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('analytics.outstandingValue')}
                loading={!data}
                value={data ? formatMoney(data.outstandingValueFen, language) : '—'}
              />
            </Col>
            <Col xs={24} md={12}>
              {data && (
                <Descriptions
                  size="small"
                  column={3}
                  title={<h3 style={subheading}>{t('analytics.movements')}</h3>}
                  items={(['issued', 'reversed', 'redeemed', 'expired', 'adjusted'] as const).map((key) => ({
                    key,
                    label: t(`analytics.movement.${key}`),
                    children: formatCount(data.movements[key], language),
                  }))}
                />
              )}
            </Col>
          </Row>
          <div>
            <h3 style={subheading}>{t('analytics.byStoreOfIssue')}</h3>
            <p className="card-hint">{t('analytics.byStoreOfIssueHint')}</p>
            <Table<StoreOfIssue>
              rowKey="storeId"
              size="middle"
              loading={isFetching && !data}
              columns={columns}
              dataSource={data?.byStoreOfIssue ?? []}
              pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analytics.noIssues')} />
                ),
              }}
            />
          </div>
        </Flex>
      )}
    </Card>
  );
}

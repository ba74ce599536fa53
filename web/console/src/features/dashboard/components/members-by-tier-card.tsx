import { Alert, Button, Card, Empty, Flex, Progress } from 'antd';
import { formatCount } from '@sbm/web-shared/format';
import { asApiError, problemText } from '@sbm/web-shared/problems';
import { useTranslation } from 'react-i18next';
import { useGetMembersByTierQuery } from '../api/analytics';

/** How many members hold each tier, lowest first, with each tier's share of all members. */
export function MembersByTierCard() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { data, error, isLoading, refetch } = useGetMembersByTierQuery();
  // Members are the programme's, not a store's: staff whose analytics reach only their stores see no card.
  if (error && asApiError(error).status === 403) return null;

  return (
    <Card
      title={<h2 className="card-heading">{t('dashboard.membersByTier')}</h2>}
      loading={isLoading}
      className="figure-card"
      extra={
        data && (
          <span className="card-hint">
            {t('dashboard.totalMembers', { count: formatCount(data.totalMembers, language) })}
          </span>
        )
      }
    >
      {error && !data ? (
        <Alert
          type="error"
          showIcon
          title={t('dashboard.loadFailed')}
          description={problemText(error, t, language)}
          action={<Button onClick={() => void refetch()}>{t('app.retry')}</Button>}
        />
      ) : data && data.totalMembers === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noMembers')} />
      ) : (
        data && (
          <ul aria-label={t('dashboard.membersByTier')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {data.tiers.map((tier) => {
              const share = data.totalMembers > 0 ? (tier.members / data.totalMembers) * 100 : 0;
              return (
                <li key={tier.code} style={{ marginBottom: 10 }}>
                  <Flex justify="space-between" gap={12}>
                    <span>
                      {tier.name}
                      {!tier.inLadder && (
                        <span className="card-hint">{` · ${t('dashboard.droppedTier')}`}</span>
                      )}
                    </span>
                    <strong>{formatCount(tier.members, language)}</strong>
                  </Flex>
                  <Progress
                    percent={Math.round(share * 10) / 10}
                    size="small"
                    status="normal"
                    showInfo={false}
                    aria-label={t('dashboard.tierShare', { tier: tier.name, share: share.toFixed(1) })}
                  />
                </li>
              );
            })}
          </ul>
        )
      )}
    </Card>
  );
}

import { TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Progress, Statistic, Typography } from 'antd';
import type { Segment } from '@sbm/web-shared/contracts';
import { formatCount } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePreviewCampaignAudienceMutation } from '../api/campaigns';

interface Count {
  members: number;
  consenting: number;
  reached: number;
  done: boolean;
  stopped?: boolean;
}

/**
 * How many members a segment reaches now, counted a bounded page at a time by the API and added up here
 * as the pages come (a staff member may stop a long count).
 */
export function AudiencePreview({ segment }: { segment: () => Segment | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [preview] = usePreviewCampaignAudienceMutation();
  const [count, setCount] = useState<Count | undefined>();
  const [error, setError] = useState<unknown>();
  const [counting, setCounting] = useState(false);
  const run = useRef(0);
  useEffect(() => () => void (run.current += 1), []);

  const start = async () => {
    const chosen = segment();
    if (!chosen) return;
    const id = (run.current += 1);
    setCounting(true);
    setError(undefined);
    let total: Count = { members: 0, consenting: 0, reached: 0, done: false };
    setCount(total);
    let cursor: string | undefined;
    try {
      do {
        const page = await preview({ body: { segment: chosen }, ...(cursor ? { cursor } : {}) }).unwrap();
        if (run.current !== id) return;
        cursor = page.nextCursor ?? undefined;
        total = {
          members: total.members + page.members,
          consenting: total.consenting + page.consenting,
          reached: total.reached + page.reached,
          done: !cursor,
        };
        setCount(total);
      } while (cursor);
    } catch (failure) {
      if (run.current === id) setError(failure);
    } finally {
      if (run.current === id) setCounting(false);
    }
  };
  const stop = () => {
    run.current += 1;
    setCounting(false);
    setCount((current) => current && { ...current, stopped: true });
  };

  return (
    <Flex vertical gap={8} className="audience-preview" aria-live="polite">
      <Flex justify="space-between" align="center" wrap gap={12}>
        <div>
          <Typography.Text strong>{t('campaigns.audience.title')}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{t('campaigns.audience.hint')}</Typography.Text>
        </div>
        {counting ? (
          <Button onClick={stop}>{t('campaigns.audience.stop')}</Button>
        ) : (
          <Button icon={<TeamOutlined />} onClick={() => void start()}>
            {count ? t('campaigns.audience.recount') : t('campaigns.audience.count')}
          </Button>
        )}
      </Flex>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={t('campaigns.audience.failed')}
          description={problemText(error, t, language)}
        />
      ) : count ? (
        <Flex vertical gap={4}>
          <Statistic
            title={t('campaigns.audience.title')}
            value={t('campaigns.audience.reached', { reached: formatCount(count.reached, language) })}
          />
          <Typography.Text type="secondary">
            {counting
              ? t('campaigns.audience.counting', { members: formatCount(count.members, language) })
              : t('campaigns.audience.detail', {
                  members: formatCount(count.members, language),
                  consenting: formatCount(count.consenting, language),
                })}
          </Typography.Text>
          {counting && <Progress percent={100} status="active" showInfo={false} size="small" />}
          {count.stopped && (
            <Typography.Text type="warning">{t('campaigns.audience.partial')}</Typography.Text>
          )}
        </Flex>
      ) : null}
    </Flex>
  );
}

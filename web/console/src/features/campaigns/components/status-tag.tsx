import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../api/campaigns';

const COLOURS: Record<Campaign['status'], string> = {
  draft: 'default',
  scheduled: 'blue',
  active: 'green',
  paused: 'orange',
  ended: 'default',
};

export function StatusTag({ status }: { status: Campaign['status'] }) {
  const { t } = useTranslation();
  return <Tag color={COLOURS[status]}>{t(`campaigns.status.${status}`)}</Tag>;
}

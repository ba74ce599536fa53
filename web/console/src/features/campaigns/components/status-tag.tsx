import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Campaign } from '../api/campaigns';

// Solid colours dark enough for the white label to read (WCAG AA); the light presets are not.
const COLOURS: Record<Campaign['status'], string> = {
  draft: '#595959',
  scheduled: '#1456c9',
  active: '#237804',
  paused: '#ad4e00',
  ended: '#434343',
};

export function StatusTag({ status }: { status: Campaign['status'] }) {
  const { t } = useTranslation();
  return <Tag color={COLOURS[status]}>{t(`campaigns.status.${status}`)}</Tag>;
}

import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export function StoreStatus({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return active ? <Tag color="green">{t('stores.list.active')}</Tag> : <Tag>{t('stores.list.inactive')}</Tag>;
}

import { useGetMyPointsAccountQuery } from '@sbm/web-shared/api';
import { formatCount } from '@sbm/web-shared/format';
import { useTranslation } from 'react-i18next';

/** The member's spendable points (GET /v1/loyalty/me), in the header; nothing until they are known. */
export function PointsBalance({ skip }: { skip: boolean }) {
  const { t, i18n } = useTranslation();
  const { data } = useGetMyPointsAccountQuery(undefined, { skip });
  if (!data) return null;
  return (
    <span className="points" aria-label={t('app.pointsLabel')}>
      {t('app.points', { points: formatCount(data.balance, i18n.language) })}
    </span>
  );
}

import { formatCount, formatMoney } from '@sbm/web-shared/format';
import type { GetDailySalesApiResponse } from '@sbm/web-shared/api';
import { useTranslation } from 'react-i18next';

/** A store's id under its name. */
const STORE_ID = { display: 'block', fontSize: 12, fontWeight: 400, color: 'rgba(0, 0, 0, 0.65)' } as const;

/** The stores that sold most today, most revenue first: which of the mall's stores are busy. */
export function StoreBreakdown({
  stores,
  shown = 5,
}: {
  stores: GetDailySalesApiResponse['stores'];
  shown?: number;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const busiest = [...stores].sort((a, b) => b.revenue - a.revenue).slice(0, shown);
  return (
    <table className="store-breakdown">
      <caption>{t('dashboard.byStore')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dashboard.store')}</th>
          <th scope="col">{t('dashboard.purchases')}</th>
          <th scope="col">{t('dashboard.revenue')}</th>
          <th scope="col">{t('dashboard.pointsIssued')}</th>
        </tr>
      </thead>
      <tbody>
        {busiest.map((store) => (
          <tr key={store.storeId}>
            <th scope="row">
              {store.storeName && <span style={{ display: 'block' }}>{store.storeName}</span>}
              {store.storeName ? <span style={STORE_ID}>{store.storeId}</span> : store.storeId}
            </th>
            <td>{formatCount(store.purchases, language)}</td>
            <td>{formatMoney(store.revenue, language)}</td>
            <td>{formatCount(store.pointsIssued, language)}</td>
          </tr>
        ))}
      </tbody>
      {stores.length > shown && (
        <tfoot>
          <tr>
            <td colSpan={4}>{t('dashboard.moreStores', { count: stores.length - shown })}</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}

import { Button, Descriptions } from 'antd';
import { useGetMyPointsAccountQuery } from '@sbm/web-shared/api';
import { formatCount } from '@sbm/web-shared/format';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAppDispatch } from '../../app/hooks';
import { endSession } from '../session/session';

/** The member's own page: points and sign-out (the language is switched in the header, on every screen). */
export function MePage() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const navigate = useNavigate();
  const { data } = useGetMyPointsAccountQuery();
  return (
    <section aria-labelledby="me-title">
      <h2 id="me-title" className="screen-title">
        {t('me.title')}
      </h2>
      <Descriptions
        column={1}
        bordered
        items={[
          {
            key: 'points',
            label: t('me.points'),
            children: data ? formatCount(data.balance, i18n.language) : '—',
          },
        ]}
      />
      <Button
        block
        danger
        className="sign-out"
        onClick={() => void dispatch(endSession()).then(() => navigate('/sign-in', { replace: true }))}
      >
        {t('me.signOut')}
      </Button>
    </section>
  );
}

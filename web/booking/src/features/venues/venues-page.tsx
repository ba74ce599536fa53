import { Alert, Spin } from 'antd';
import { useListVenuesQuery } from '@sbm/web-shared/api';
import { problemText } from '@sbm/web-shared/problems';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { VenueKind } from './types';
import { VenueList } from './venue-list';

/** The venues tab: every venue members can book (GET /v1/venues), by kind. */
export function VenuesPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [kind, setKind] = useState<VenueKind | 'all'>('all');
  const { data, error, isLoading } = useListVenuesQuery({});
  if (isLoading) return <Spin aria-label={t('app.loading')} />;
  if (error && !data) return <Alert type="error" showIcon title={problemText(error, t, i18n.language)} />;
  return (
    <VenueList
      venues={data?.items ?? []}
      kind={kind}
      onKindChange={setKind}
      onOpen={(venue) => void navigate(`/venues/${encodeURIComponent(venue.id)}`)}
    />
  );
}

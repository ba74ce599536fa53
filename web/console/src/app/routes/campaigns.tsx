import { Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { PageSpinner } from '@/components/page-spinner';
import { CampaignBuilderPage, CampaignDetailPage, CampaignListPage } from '@/features/campaigns';
import NotFoundPage from './not-found';

/** The campaigns section: the list, one campaign, and the builder for a new one or an edit. */
export default function CampaignsRoute() {
  return (
    <Suspense fallback={<PageSpinner />}>
      <Routes>
        <Route index element={<CampaignListPage />} />
        <Route path="new" element={<CampaignBuilderPage />} />
        <Route path=":campaignId" element={<CampaignDetailPage />} />
        <Route path=":campaignId/edit" element={<CampaignBuilderPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  );
}

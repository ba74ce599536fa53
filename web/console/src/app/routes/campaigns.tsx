import { App, ConfigProvider } from 'antd';
import { Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { PageSpinner } from '@/components/page-spinner';
import { CampaignBuilderPage, CampaignDetailPage, CampaignListPage } from '@/features/campaigns';
import NotFoundPage from './not-found';

/** The campaigns section: the list, one campaign, and the builder for a new one or an edit. */
export default function CampaignsRoute() {
  return (
    // Placeholders of the builder's many optional fields read at WCAG AA; App gives the screens their toasts.
    <ConfigProvider theme={{ token: { colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)' } }}>
      <App component={false}>
        <Suspense fallback={<PageSpinner />}>
          <Routes>
            <Route index element={<CampaignListPage />} />
            <Route path="new" element={<CampaignBuilderPage />} />
            <Route path=":campaignId" element={<CampaignDetailPage />} />
            <Route path=":campaignId/edit" element={<CampaignBuilderPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </App>
    </ConfigProvider>
  );
}

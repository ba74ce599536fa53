import { lazy } from 'react';

export { CampaignListPage } from './components/campaign-list-page';
export { CampaignDetailPage } from './components/campaign-detail-page';

/** The builder, the section's biggest screen, in a chunk of its own loaded when it is opened. */
export const CampaignBuilderPage = lazy(() =>
  import('./components/campaign-builder-page').then((module) => ({ default: module.CampaignBuilderPage })),
);

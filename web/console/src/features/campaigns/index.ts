export { CampaignListPage } from './components/campaign-list-page';
export { CampaignDetailPage } from './components/campaign-detail-page';
export { CampaignBuilderPage } from './components/campaign-builder-page';

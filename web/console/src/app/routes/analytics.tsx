import { AnalyticsPage } from '@/features/analytics';

/** The analytics section: the reports of the event archive and the live points liability. */
export default AnalyticsPage;

import { AnalyticsPage } from '@/features/analytics';

/** The analytics section: daily sales per store and the points liability. */
export default AnalyticsPage;

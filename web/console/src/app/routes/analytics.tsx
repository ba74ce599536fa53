import { AnalyticsPage } from '@/features/analytics';

/**
 * The analytics section: the reports of the event archive and the live points liability. A function of
 * its own, since the page is a lazy component and React cannot take a lazy one as another's module.
 */
export default function AnalyticsRoute() {
  return <AnalyticsPage />;
}

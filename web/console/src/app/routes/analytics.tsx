import ComingSoonPage from './coming-soon';

/** The analytics section: its screens live in `@/features/analytics` once built. */
export default function AnalyticsRoute() {
  return <ComingSoonPage section="analytics" />;
}

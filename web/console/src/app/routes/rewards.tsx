import ComingSoonPage from './coming-soon';

/** The rewards section: its screens live in `@/features/rewards` once built. */
export default function RewardsRoute() {
  return <ComingSoonPage section="rewards" />;
}

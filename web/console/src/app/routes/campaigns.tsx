import ComingSoonPage from './coming-soon';

/** The campaigns section: its screens live in `@/features/campaigns` once built. */
export default function CampaignsRoute() {
  return <ComingSoonPage section="campaigns" />;
}

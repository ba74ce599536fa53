import ComingSoonPage from './coming-soon';

/** The staff section: its screens live in `@/features/staff` once built. */
export default function StaffRoute() {
  return <ComingSoonPage section="staff" />;
}

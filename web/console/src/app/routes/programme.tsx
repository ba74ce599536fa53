import ComingSoonPage from './coming-soon';

/** The programme section: its screens live in `@/features/programme` once built. */
export default function ProgrammeRoute() {
  return <ComingSoonPage section="programme" />;
}

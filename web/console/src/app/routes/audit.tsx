import ComingSoonPage from './coming-soon';

/** The audit section: its screens live in `@/features/audit` once built. */
export default function AuditRoute() {
  return <ComingSoonPage section="audit" />;
}

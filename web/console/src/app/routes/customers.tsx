import ComingSoonPage from './coming-soon';

/** The customers section: its screens live in `@/features/customers` once built. */
export default function CustomersRoute() {
  return <ComingSoonPage section="customers" />;
}

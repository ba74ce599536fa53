import ComingSoonPage from './coming-soon';

/** The stores section: its screens live in `@/features/stores` once built. */
export default function StoresRoute() {
  return <ComingSoonPage section="stores" />;
}

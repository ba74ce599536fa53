import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { Route, Routes } from 'react-router';
import { sections, type SectionKey } from '@/config/sections';
import { ConsoleLayout } from '@/features/shell';
import { i18n } from '@/lib/i18n';
import { addSectionStrings } from '@/locales/sections';
import { SectionRoute } from './section-route';

addSectionStrings(i18n);

// Each section is a chunk of its own, fetched when first visited; a section's own screens live under
// its path (`/customers/*`) and may split further.
const sectionPages: Record<SectionKey, LazyExoticComponent<ComponentType>> = {
  dashboard: lazy(() => import('./routes/dashboard')),
  customers: lazy(() => import('./routes/customers')),
  rewards: lazy(() => import('./routes/rewards')),
  campaigns: lazy(() => import('./routes/campaigns')),
  stores: lazy(() => import('./routes/stores')),
  bookings: lazy(() => import('./routes/bookings')),
  venues: lazy(() => import('./routes/venues')),
  programme: lazy(() => import('./routes/programme')),
  analytics: lazy(() => import('./routes/analytics')),
  staff: lazy(() => import('./routes/staff')),
  audit: lazy(() => import('./routes/audit')),
};
const NotFoundPage = lazy(() => import('./routes/not-found'));

/** The shell and the sections the staff member's permissions open. */
export default function SignedInRoutes() {
  return (
    <Routes>
      <Route element={<ConsoleLayout />}>
        {sections.map(({ key, path }) => {
          const Page = sectionPages[key];
          const element = (
            <SectionRoute section={key}>
              <Page />
            </SectionRoute>
          );
          return key === 'dashboard' ? (
            <Route key={key} index element={element} />
          ) : (
            <Route key={key} path={`${path.slice(1)}/*`} element={element} />
          );
        })}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { sections } from '@/config/sections';
import { ConsoleLayout } from '@/features/shell';
import { SectionRoute } from './section-route';

// Each screen is a chunk of its own, fetched when first visited.
const DashboardPage = lazy(() => import('./routes/dashboard'));
const ComingSoonPage = lazy(() => import('./routes/coming-soon'));
const NotFoundPage = lazy(() => import('./routes/not-found'));

/** The shell and the sections the staff member's permissions open. */
export default function SignedInRoutes() {
  return (
    <Routes>
      <Route element={<ConsoleLayout />}>
        <Route
          index
          element={
            <SectionRoute section="dashboard">
              <DashboardPage />
            </SectionRoute>
          }
        />
        {sections
          .filter((section) => section.key !== 'dashboard')
          .map((section) => (
            <Route
              key={section.key}
              path={`${section.path.slice(1)}/*`}
              element={
                <SectionRoute section={section.key}>
                  <ComingSoonPage section={section.key} />
                </SectionRoute>
              }
            />
          ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

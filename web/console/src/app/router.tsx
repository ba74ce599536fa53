import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { PageSpinner } from '@/components/page-spinner';
import { RouteErrorBoundary } from '@/components/route-error-boundary';
import { RequireSession } from './require-session';
import { SignInPage } from './routes/sign-in';

// Everything behind sign-in (the shell, its menu and every screen) is fetched once signed in.
const SignedInRoutes = lazy(() => import('./signed-in-routes'));

/** The sign-in page, in the first chunk, and everything else, loaded once a session exists. */
export function AppRoutes() {
  return (
    <RouteErrorBoundary>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route
          path="*"
          element={
            <RequireSession>
              <Suspense fallback={<PageSpinner fullPage />}>
                <SignedInRoutes />
              </Suspense>
            </RequireSession>
          }
        />
      </Routes>
    </RouteErrorBoundary>
  );
}

import type { ReactElement } from 'react';
import { Outlet, Route, Routes } from 'react-router';
import type { StaffProfile } from '@/features/auth';
import { renderWithProviders } from '@/testing/render';

/** A screen of the section as the shell shows it to a staff member with these permissions, at `route`. */
export function renderAsStaff(
  ui: ReactElement,
  { permissions, route = '/' }: { permissions: string[]; route?: string },
) {
  const profile: StaffProfile = {
    id: 'S1',
    name: '王芳',
    email: null,
    roles: ['store_manager'],
    permissions: new Set(permissions),
  };
  return renderWithProviders(
    <Routes>
      <Route element={<Outlet context={profile} />}>
        <Route path="*" element={ui} />
      </Route>
    </Routes>,
    { route, session: { status: 'signedIn', accessToken: 'token' } },
  );
}

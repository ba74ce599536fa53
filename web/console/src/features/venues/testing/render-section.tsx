import { Outlet, Route, Routes, useLocation } from 'react-router';
import type { StaffProfile } from '@/features/auth';
import { renderWithProviders } from '@/testing/render';
import { VenueFormPage } from '../components/venue-form-page';
import { VenueListPage } from '../components/venue-list-page';

/** Where the section's screens send the reader: the path and query the router is at. */
function WhereAmI() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

/** The section's screens at `route`, as the shell shows them to a staff member with these roles and permissions. */
export function renderVenues({
  roles,
  permissions,
  route,
}: {
  roles: string[];
  permissions: string[];
  route: string;
}) {
  const profile: StaffProfile = {
    id: 'S1',
    name: '王芳',
    email: null,
    roles,
    permissions: new Set(permissions),
  };
  return renderWithProviders(
    <>
      <Routes>
        <Route element={<Outlet context={profile} />}>
          <Route path="/venues" element={<VenueListPage />} />
          <Route path="/venues/new" element={<VenueFormPage />} />
          <Route path="/venues/:venueId" element={<VenueFormPage />} />
          <Route path="*" element={null} />
        </Route>
      </Routes>
      <WhereAmI />
    </>,
    { route, session: { status: 'signedIn', accessToken: 'token' } },
  );
}

export const admin = { roles: ['admin'], permissions: ['bookings:read', 'bookings:write', 'stores:read'] };
export const supportDesk = { roles: ['support'], permissions: ['bookings:read', 'customers:read'] };
export const storeManager = {
  roles: ['store_manager'],
  permissions: ['bookings:read', 'bookings:write', 'stores:read'],
};

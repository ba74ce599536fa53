import { Route, Routes } from 'react-router';
import { VenueFormPage, VenueListPage } from '@/features/venues';
import NotFoundPage from './not-found';

/** The venues section, mounted at `/venues/*`: the venue list, a new venue, a venue's settings. */
export default function VenuesRoute() {
  return (
    <Routes>
      <Route index element={<VenueListPage />} />
      <Route path="new" element={<VenueFormPage />} />
      <Route path=":venueId" element={<VenueFormPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

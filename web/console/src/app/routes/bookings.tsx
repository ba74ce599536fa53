import { Route, Routes } from 'react-router';
import { DayViewPage } from '@/features/bookings';
import NotFoundPage from './not-found';

/** The bookings section, mounted at `/bookings/*`: a venue's day (`?venue=&date=`). */
export default function BookingsRoute() {
  return (
    <Routes>
      <Route index element={<DayViewPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

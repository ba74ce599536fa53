import { Route, Routes } from 'react-router';
import { StaffPage } from '@/features/staff';

/** The staff section: one screen, its dialogs on top. */
export default function StaffRoute() {
  return (
    <Routes>
      <Route index element={<StaffPage />} />
    </Routes>
  );
}

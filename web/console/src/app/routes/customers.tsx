import { Route, Routes } from 'react-router';
import { CustomerSearchPage, MemberPage } from '@/features/customers';
import NotFoundPage from './not-found';

/** The customers section: finding a member, and member 360 under `/customers/:customerId`. */
export default function CustomersRoute() {
  return (
    <Routes>
      <Route index element={<CustomerSearchPage />} />
      <Route path=":customerId" element={<MemberPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

import { Navigate, Route, Routes } from 'react-router';
import { useShellProfile } from '@/features/shell';
import {
  DeadLettersPage,
  StoreDetailPage,
  StoreListPage,
  StoresLayout,
  UnmatchedPage,
} from '@/features/stores';
import NotFoundPage from './not-found';

/** The first screen: the store list, or unmatched sales for staff who operate tills but read no stores. */
function StoresIndex() {
  return useShellProfile().permissions.has('stores:read') ? (
    <StoreListPage />
  ) : (
    <Navigate to="unmatched" replace />
  );
}

/** The stores section, mounted at `/stores/*`: the store list, a store with its keys, unmatched sales, dead letters. */
export default function StoresRoute() {
  return (
    <Routes>
      <Route element={<StoresLayout />}>
        <Route index element={<StoresIndex />} />
        <Route path="unmatched" element={<UnmatchedPage />} />
        <Route path="dead-letters" element={<DeadLettersPage />} />
        <Route path=":storeId" element={<StoreDetailPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PageSpinner } from '@/components/page-spinner';
import { selectSessionStatus } from '@/features/auth';
import { useAppSelector } from './hooks';

/** Pages behind sign-in: the sign-in page first, then back to where the staff member was going. */
export function RequireSession({ children }: { children: ReactNode }) {
  const status = useAppSelector(selectSessionStatus);
  const location = useLocation();
  if (status === 'restoring') return <PageSpinner fullPage />;
  if (status === 'signedOut') return <Navigate to="/sign-in" replace state={{ from: location }} />;
  return children;
}

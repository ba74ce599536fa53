import { useMemo } from 'react';
import { useAppSelector } from '@/app/hooks';
import { profileFromMe, type StaffProfile } from './access';
import { useStaffMeQuery } from './api/session';
import { selectSessionStatus } from './session-slice';

/** Who is signed in and what they may do, from GET /v1/admin/me. */
export function useStaffProfile(): {
  profile?: StaffProfile;
  isLoading: boolean;
  error?: unknown;
  refetch: () => void;
} {
  const status = useAppSelector(selectSessionStatus);
  const me = useStaffMeQuery(undefined, { skip: status !== 'signedIn' });
  const profile = useMemo(() => (me.data ? profileFromMe(me.data) : undefined), [me.data]);
  return {
    profile,
    isLoading: !profile && !me.error,
    error: profile ? undefined : me.error,
    refetch: () => void me.refetch(),
  };
}

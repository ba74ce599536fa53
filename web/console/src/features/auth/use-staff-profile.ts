import { isMissingRoute } from '@sbm/web-shared/api';
import { useMemo } from 'react';
import { useAppSelector } from '@/app/hooks';
import { profileFromMe, profileFromSignIn, type StaffProfile } from './access';
import { useStaffMeQuery } from './api/session';
import { selectSessionStatus, selectSignedInAs } from './session-slice';

/** Who is signed in and what they may do, from GET /v1/admin/me (or the sign-in, while it does not exist). */
export function useStaffProfile(): {
  profile?: StaffProfile;
  isLoading: boolean;
  error?: unknown;
  refetch: () => void;
} {
  const status = useAppSelector(selectSessionStatus);
  const signedInAs = useAppSelector(selectSignedInAs);
  const me = useStaffMeQuery(undefined, { skip: status !== 'signedIn' });
  const profile = useMemo(() => {
    if (me.data) return profileFromMe(me.data);
    if (isMissingRoute(me.error) && signedInAs) return profileFromSignIn(signedInAs);
    return undefined;
  }, [me.data, me.error, signedInAs]);
  return {
    profile,
    isLoading: !profile && !me.error,
    error: profile ? undefined : me.error,
    refetch: () => void me.refetch(),
  };
}

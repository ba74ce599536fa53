import { rolePermissions, type StaffMeApiResponse } from '@sbm/web-shared/api';
import type { SignedInAs } from './session-slice';

/** The signed-in staff member as the console uses it. */
export interface StaffProfile {
  id: string;
  name: string;
  email: string | null;
  roles: string[];
  permissions: ReadonlySet<string>;
}

export const profileFromMe = (me: StaffMeApiResponse): StaffProfile => ({
  id: me.id,
  name: me.name,
  email: me.email,
  roles: me.roles,
  permissions: new Set(me.permissions),
});

/**
 * Until GET /v1/admin/me exists: the sign-in's id and roles, the permissions those roles grant by the
 * platform's role table, and the email typed as the name.
 */
export const profileFromSignIn = (signedInAs: SignedInAs): StaffProfile => ({
  id: signedInAs.id,
  name: signedInAs.email ?? signedInAs.id,
  email: signedInAs.email,
  roles: signedInAs.roles,
  permissions: new Set(signedInAs.roles.flatMap((role) => rolePermissions[role] ?? [])),
});

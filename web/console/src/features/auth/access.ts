import type { StaffMeApiResponse } from '@sbm/web-shared/api';

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

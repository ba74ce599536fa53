// What other parts of the console may use of the auth feature; its internals stay its own.
export { SignInForm } from './components/sign-in-form';
export { configureConsoleSession, restoreSession, signOut } from './api/session';
export { sessionSlice, selectSessionStatus, selectSessionEnded, type SessionState } from './session-slice';
export { useStaffProfile } from './use-staff-profile';
export type { StaffProfile } from './access';
export { AccountSecurityButton } from './components/account-security-button';

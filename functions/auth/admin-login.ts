import { staffSessionAnswer } from '../../lib/auth/console-session';
import { adminLoginRoute } from '../../lib/auth/routes';
import { signInStaff } from '../../lib/auth/staff-sign-in';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(adminLoginRoute, async ({ body, headers, sourceIp, correlationId }) => {
  const signedIn = await signInStaff(body.email, body.password, sourceIp, correlationId);
  if (signedIn.step === 'challenge') {
    const { purpose, challengeToken, expiresIn } = signedIn;
    return { status: 202, body: { next: purpose, challengeToken, expiresIn } };
  }
  // The console keeps the refresh token where its scripts cannot reach it.
  return staffSessionAnswer(headers, signedIn);
});

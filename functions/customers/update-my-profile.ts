import { birthdayIsPlausible } from '../../lib/customers/profile';
import { noteProfileCompletion } from '../../lib/customers/profile-completion';
import { updateProfile } from '../../lib/customers/repository';
import { updateMyProfileRoute } from '../../lib/customers/routes';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';
import { programmeToday } from '../../lib/calendar';

export const handler = httpHandler(updateMyProfileRoute, async ({ principal, body, correlationId }) => {
  if (body.birthday && !birthdayIsPlausible(body.birthday, programmeToday())) {
    throw problems.validation([{ field: 'body.birthday', message: 'birthday cannot be in the future' }]);
  }
  const customer = await updateProfile(principal.customerId, body);
  if (!customer) throw problems.notFound('Customer');
  await noteProfileCompletion(principal.customerId, correlationId);
  return { status: 200, body: customer };
});

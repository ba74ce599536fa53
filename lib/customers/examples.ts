import { MARKETING_CONSENT_VERSION, type Customer } from './profile';

/** A member as the API shows them, in OpenAPI's examples. */
export const customerExample = {
  id: '01JD3Q8Z6W4K9T2M5N7P1R3S5V',
  name: '王芳',
  gender: 'female',
  birthday: '1992-05-18',
  phone: '13812345678',
  marketingConsent: {
    granted: true,
    version: MARKETING_CONSENT_VERSION,
    recordedAt: '2026-11-02T03:15:42.000Z',
  },
  memberSince: '2026-11-02T03:14:09.512Z',
} satisfies Customer;

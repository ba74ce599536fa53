/** WeChat login code of the seeded demo member (the simulator maps code C to openid-C). */
export const DEMO_MEMBER_CODE = 'demo';

/** The demo admin; the password comes from CRM_ADMIN_PASSWORD or is generated and printed at start. */
export const DEMO_ADMIN_EMAIL = 'admin@sbm.local';

/** The demo store and its POS credentials, seeded only in the local cloud. */
export const DEMO_STORE = {
  storeId: 'demo-store',
  name: 'Demo Store (SBM Plaza)',
  keyId: 'demo-pos-key',
  secret: 'demo-pos-secret',
};

/** WeChat login code of the seeded demo member (the simulator maps code C to openid-C). */
export const DEMO_MEMBER_CODE = 'demo';

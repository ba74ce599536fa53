import {
  bindMyPhoneRoute,
  eraseMeRoute,
  exportMyDataRoute,
  getCustomerForStaffRoute,
  getMyProfileRoute,
  issueMemberCodeRoute,
  listPrivacyRequestsRoute,
  lookUpMemberCodeRoute,
  searchCustomersRoute,
  updateMyProfileRoute,
} from '../customers/routes';
import { receiveWeChatPushRoute, verifyWeChatPushRoute } from '../wechat/routes';
import type { FunctionDeclaration } from './types';

/** Member profiles, consent, phone binding, data-subject requests and WeChat's message push. */
export const customerFunctions = {
  getMyProfile: {
    service: 'customers',
    handler: 'functions/customers/get-my-profile.ts',
    description: "The member's own profile",
    trigger: { kind: 'http', route: getMyProfileRoute },
    access: { tables: { main: { reads: ['get'] } } },
  },
  updateMyProfile: {
    service: 'customers',
    handler: 'functions/customers/update-my-profile.ts',
    description: "Changes to the member's own profile and consent",
    trigger: { kind: 'http', route: updateMyProfileRoute },
    access: {
      tables: { main: { reads: ['get'], writes: ['put', 'update', 'delete'] } },
      publishesEvents: true,
    },
  },
  exportMyData: {
    service: 'customers',
    handler: 'functions/customers/export-my-data.ts',
    description: 'PIPL data export',
    trigger: { kind: 'http', route: exportMyDataRoute },
    access: { tables: { main: { reads: ['get', 'query'], writes: ['put'] } }, appendsAudit: true },
  },
  eraseMe: {
    service: 'customers',
    handler: 'functions/customers/erase-me.ts',
    description: 'PIPL erasure',
    trigger: { kind: 'http', route: eraseMeRoute },
    access: {
      tables: { main: { reads: ['get', 'query'], writes: ['put', 'update', 'delete'] } },
      appendsAudit: true,
      publishesEvents: true,
    },
  },
  verifyWeChatPush: {
    service: 'customers',
    handler: 'functions/customers/verify-wechat-push.ts',
    description: 'WeChat message push handshake',
    trigger: { kind: 'http', route: verifyWeChatPushRoute },
    access: { secrets: ['wechatApp'] },
  },
  receiveWeChatPush: {
    service: 'customers',
    handler: 'functions/customers/receive-wechat-push.ts',
    description: 'WeChat pushes: authorisation withdrawn erases the member',
    trigger: { kind: 'http', route: receiveWeChatPushRoute },
    access: {
      tables: { main: { reads: ['get', 'query'], writes: ['put', 'update', 'delete'] } },
      appendsAudit: true,
      publishesEvents: true,
      secrets: ['wechatApp'],
    },
  },
  listPrivacyRequests: {
    service: 'customers',
    handler: 'functions/customers/list-privacy-requests.ts',
    description: 'Staff view of data-subject requests',
    trigger: { kind: 'http', route: listPrivacyRequestsRoute },
    access: { tables: { main: { reads: ['get', 'query'] } } },
  },
  bindMyPhone: {
    service: 'customers',
    handler: 'functions/customers/bind-my-phone.ts',
    description: 'Phone binding through WeChat getPhoneNumber',
    trigger: { kind: 'http', route: bindMyPhoneRoute },
    access: {
      tables: { main: { reads: ['get'], writes: ['put', 'update', 'delete'] } },
      publishesEvents: true,
      secrets: ['wechatApp'],
    },
  },
  getCustomerForStaff: {
    service: 'customers',
    handler: 'functions/customers/get-customer-for-staff.ts',
    description: 'Staff view of a member, PII masked without customers:pii',
    trigger: { kind: 'http', route: getCustomerForStaffRoute },
    access: { tables: { main: { reads: ['get', 'query'], writes: ['put'] } }, appendsAudit: true },
  },
  searchCustomers: {
    service: 'customers',
    handler: 'functions/customers/search-customers.ts',
    description: 'Staff search of members by phone or name, PII masked without customers:pii',
    trigger: { kind: 'http', route: searchCustomersRoute },
    access: {
      tables: { main: { reads: ['get', 'batchGet', 'query'], writes: ['put'] } },
      appendsAudit: true,
      secrets: ['cursorKey'],
    },
  },
  lookUpMemberCode: {
    service: 'customers',
    handler: 'functions/customers/look-up-member-code.ts',
    description:
      'Staff find the member whose QR code the service desk scanned, PII masked without customers:pii',
    trigger: { kind: 'http', route: lookUpMemberCodeRoute },
    access: { tables: { main: { reads: ['get'], writes: ['put'] } }, appendsAudit: true },
  },
  issueMemberCode: {
    service: 'customers',
    handler: 'functions/customers/issue-member-code.ts',
    description: 'Short-lived member codes for the till',
    trigger: { kind: 'http', route: issueMemberCodeRoute },
    access: { tables: { main: { writes: ['put', 'check'] } } },
  },
} as const satisfies Record<string, FunctionDeclaration>;

import {
  createStoreRoute,
  deactivateStoreRoute,
  getStoreRoute,
  issuePosKeyRoute,
  listPosKeysRoute,
  listPosDeadLettersRoute,
  listStoresRoute,
  recordPosRefundRoute,
  recordPosTransactionRoute,
  renameStoreRoute,
  redrivePosDeadLetterRoute,
  redrivePosDeadLettersRoute,
  revokePosKeyRoute,
  rotatePosKeyRoute,
} from '../pos/routes';
import type { FunctionDeclaration } from './types';

/**
 * POS intake (signed sales and refunds onto the POS queue), stores, POS keys and the POS dead letters.
 * The till's voucher redemption is declared with the vouchers, in loyalty.ts.
 */
export const posFunctions = {
  posKeyAuthorizer: {
    service: 'pos',
    handler: 'functions/pos/pos-key-authorizer.ts',
    description: "Names the POS key's usage plan key, so that API Gateway throttles each till on its own",
    // Called for every POS request, X-Pos-Key or not (see authorizerIdentityHeaders): nothing to cache by.
    trigger: { kind: 'authorizer', scheme: 'posKey', cacheTtlSeconds: 0 },
    access: {},
    // Reserved concurrency of the purchase path: 320 of the account's default 1,000, leaving 680 to the
    // ~120 other functions (Lambda keeps at least 100 unreserved). At 11.11's 2,000 sales/s, Little's law
    // gives concurrency = rate x duration: this authorizer (no I/O, ~15 ms) needs ~30, so 50.
    reservedConcurrency: 50,
  },
  recordPosTransaction: {
    service: 'pos',
    handler: 'functions/pos/record-transaction.ts',
    description: 'Signed POS sales onto the POS queue',
    trigger: { kind: 'http', route: recordPosTransactionRoute },
    access: { tables: { main: { reads: ['get'] } }, sendsTo: ['pos'], secrets: ['posSecretBox'] },
    // 2,000 sales/s x ~20 ms (signature check, SQS send; cdk/README.md) is 40; 200 leaves five times that
    // for cold starts and slow calls under load.
    reservedConcurrency: 200,
  },
  recordPosRefund: {
    service: 'pos',
    handler: 'functions/pos/record-refund.ts',
    description: 'Signed POS refunds onto the POS queue',
    trigger: { kind: 'http', route: recordPosRefundRoute },
    access: { tables: { main: { reads: ['get'] } }, sendsTo: ['pos'], secrets: ['posSecretBox'] },
    // Refunds are a few per cent of sales: 20 is ten times their share of the sales' 200.
    reservedConcurrency: 20,
  },
  createStore: {
    service: 'pos',
    handler: 'functions/pos/create-store.ts',
    description: 'Staff create stores',
    trigger: { kind: 'http', route: createStoreRoute },
    access: { tables: { main: { reads: ['get'], writes: ['put'] } }, appendsAudit: true },
  },
  listStores: {
    service: 'pos',
    handler: 'functions/pos/list-stores.ts',
    description: 'Staff list stores',
    trigger: { kind: 'http', route: listStoresRoute },
    access: { tables: { main: { reads: ['get', 'batchGet', 'query'] } }, secrets: ['cursorKey'] },
  },
  getStore: {
    service: 'pos',
    handler: 'functions/pos/get-store.ts',
    description: 'Staff read a store',
    trigger: { kind: 'http', route: getStoreRoute },
    access: { tables: { main: { reads: ['get'] } } },
  },
  renameStore: {
    service: 'pos',
    handler: 'functions/pos/rename-store.ts',
    description: 'Staff rename stores',
    trigger: { kind: 'http', route: renameStoreRoute },
    access: { tables: { main: { reads: ['get'], writes: ['put', 'update'] } }, appendsAudit: true },
  },
  deactivateStore: {
    service: 'pos',
    handler: 'functions/pos/deactivate-store.ts',
    description: 'Staff deactivate stores, which stops their POS keys',
    trigger: { kind: 'http', route: deactivateStoreRoute },
    access: {
      tables: { main: { reads: ['get', 'query'], writes: ['put', 'update'] } },
      appendsAudit: true,
      managesPosUsagePlan: 'disableKeys',
    },
  },
  listPosKeys: {
    service: 'pos',
    handler: 'functions/pos/list-pos-keys.ts',
    description: "Staff list a store's POS keys and their state",
    trigger: { kind: 'http', route: listPosKeysRoute },
    access: { tables: { main: { reads: ['get', 'query'] } }, secrets: ['cursorKey'] },
  },
  issuePosKey: {
    service: 'pos',
    handler: 'functions/pos/issue-pos-key.ts',
    description: 'Staff issue POS keys',
    trigger: { kind: 'http', route: issuePosKeyRoute },
    access: {
      tables: { main: { reads: ['get'], writes: ['put', 'check'] } },
      appendsAudit: true,
      secrets: ['posSecretBox'],
      managesPosUsagePlan: 'addAndDisableKeys',
    },
  },
  rotatePosKey: {
    service: 'pos',
    handler: 'functions/pos/rotate-pos-key.ts',
    description: 'Staff rotate POS keys',
    trigger: { kind: 'http', route: rotatePosKeyRoute },
    access: {
      tables: { main: { reads: ['get', 'query'], writes: ['put', 'update', 'check'] } },
      appendsAudit: true,
      secrets: ['posSecretBox'],
      managesPosUsagePlan: 'addAndDisableKeys',
    },
  },
  revokePosKey: {
    service: 'pos',
    handler: 'functions/pos/revoke-pos-key.ts',
    description: 'Staff revoke POS keys',
    trigger: { kind: 'http', route: revokePosKeyRoute },
    access: {
      tables: { main: { reads: ['get'], writes: ['put', 'update'] } },
      appendsAudit: true,
      managesPosUsagePlan: 'disableKeys',
    },
  },
  listPosDeadLetters: {
    service: 'pos',
    handler: 'functions/pos/list-dead-letters.ts',
    description: 'Staff view of failed POS messages',
    trigger: { kind: 'http', route: listPosDeadLettersRoute },
    // The table holds each dead letter's last error (lib/queues/failures.ts).
    access: { tables: { main: { reads: ['get', 'batchGet'] } }, redrives: ['pos'] },
  },
  redrivePosDeadLetter: {
    service: 'pos',
    handler: 'functions/pos/redrive-dead-letter.ts',
    description: 'Staff move one failed POS message back onto the queue',
    trigger: { kind: 'http', route: redrivePosDeadLetterRoute },
    access: { tables: { main: { reads: ['get'], writes: ['put'] } }, appendsAudit: true, redrives: ['pos'] },
  },
  redrivePosDeadLetters: {
    service: 'pos',
    handler: 'functions/pos/redrive-dead-letters.ts',
    description: 'Staff move failed POS messages back onto the queue',
    trigger: { kind: 'http', route: redrivePosDeadLettersRoute },
    access: { tables: { main: { reads: ['get'], writes: ['put'] } }, appendsAudit: true, redrives: ['pos'] },
  },
} as const satisfies Record<string, FunctionDeclaration>;

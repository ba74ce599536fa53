import type { TableAccess } from './types';

const readActions = {
  get: 'dynamodb:GetItem',
  batchGet: 'dynamodb:BatchGetItem',
  query: 'dynamodb:Query',
  scan: 'dynamodb:Scan',
} as const;

const writeActions = {
  put: 'dynamodb:PutItem',
  update: 'dynamodb:UpdateItem',
  delete: 'dynamodb:DeleteItem',
  check: 'dynamodb:ConditionCheckItem',
} as const;

/** The IAM actions a table access declaration grants: one per operation named, nothing else. */
export function tableActions(access: TableAccess): string[] {
  return [
    ...(access.reads ?? []).map((read) => readActions[read]),
    ...(access.writes ?? []).map((write) => writeActions[write]),
  ];
}

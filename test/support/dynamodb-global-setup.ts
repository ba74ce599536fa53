import type { TestProject } from 'vitest/node';
import { startLocalDynamo } from '../../lib/local/dynamodb';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/** One DynamoDB Local (in memory) for the whole integration run, with the shared table definitions. */
export default async function setup(project: TestProject) {
  const dynamo = await startLocalDynamo({});
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}

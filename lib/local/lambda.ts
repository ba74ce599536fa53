import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionDeclaration } from '../manifest/types';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

export class LambdaTimeoutError extends Error {
  constructor(name: string, seconds: number) {
    super(`Task timed out after ${seconds} seconds (${name})`);
    this.name = 'LambdaTimeoutError';
  }
}

export const DEFAULT_TIMEOUT_SECONDS = 10;

/** Which manifest function the current code runs in (for local tooling such as the benchmark's meters). */
export const localInvocation = new AsyncLocalStorage<{ functionName: string }>();

/**
 * Runs manifest handlers in this process, each with a Lambda-like context and its declared timeout.
 * Modules are imported once, on first use, like a warm Lambda instance.
 */
export class LocalLambdas {
  private readonly modules = new Map<string, Promise<Handler>>();

  constructor(
    private readonly root: string,
    private readonly declarations: Record<string, FunctionDeclaration>,
  ) {}

  private load(name: string): Promise<Handler> {
    let loaded = this.modules.get(name);
    if (!loaded) {
      const declaration = this.declaration(name);
      loaded = import(pathToFileURL(join(this.root, declaration.handler)).href).then(
        (module: { handler?: Handler }) => {
          if (typeof module.handler !== 'function')
            throw new Error(`${declaration.handler} does not export a handler`);
          return module.handler;
        },
      );
      this.modules.set(name, loaded);
    }
    return loaded;
  }

  declaration(name: string): FunctionDeclaration {
    const declaration = this.declarations[name];
    if (!declaration) throw new Error(`No function ${name} in the manifest`);
    return declaration;
  }

  async invoke(name: string, event: unknown): Promise<unknown> {
    const handler = await this.load(name);
    const timeoutSeconds = this.declaration(name).timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    const deadline = Date.now() + timeoutSeconds * 1000;
    const requestId = randomUUID();
    const context = {
      functionName: `sbm-crm-local-${name}`,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:sbm-crm-local-${name}`,
      memoryLimitInMB: String(this.declaration(name).memoryMb ?? 1024),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/sbm-crm-local-${name}`,
      logStreamName: `local/${requestId}`,
      callbackWaitsForEmptyEventLoop: false,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    } satisfies Context;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LambdaTimeoutError(name, timeoutSeconds)), timeoutSeconds * 1000);
    });
    try {
      return await Promise.race([
        localInvocation.run({ functionName: name }, () => handler(event, context)),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}

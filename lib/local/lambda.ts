import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InvokeStoreBase } from '@aws/lambda-invoke-store';
import type { Context } from 'aws-lambda';
import type { FunctionDeclaration } from '../manifest/types';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** Runs around an invocation of the named function with its event; `invoke` runs it (or not). */
export type AroundInvoke = (
  functionName: string,
  event: unknown,
  invoke: () => Promise<unknown>,
) => Promise<unknown>;

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
 * How many invocations one local execution environment takes at once. Set, it tells Powertools that
 * invocations share the process, as on Lambda Managed Instances: their per-invocation state (the
 * logger's keys and Lambda context, a batch's failures) lives in the runtime's InvokeStore.
 */
export const LOCAL_MAX_CONCURRENCY = '1000';

type InvokeContext = Record<string | symbol, unknown>;

/** The runtime's InvokeStore for concurrent invocations: each one's values in an async context of its own. */
class LocalInvokeStore extends InvokeStoreBase {
  private readonly contexts = new AsyncLocalStorage<InvokeContext>();
  getContext() {
    return this.contexts.getStore();
  }
  hasContext() {
    return this.contexts.getStore() !== undefined;
  }
  get<T = unknown>(key: string | symbol) {
    return this.contexts.getStore()?.[key] as T | undefined;
  }
  set<T = unknown>(key: string | symbol, value: T) {
    if (this.isProtectedKey(key))
      throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    const context = this.contexts.getStore();
    if (!context) throw new Error('No invocation context');
    context[key] = value;
  }
  run<T>(context: InvokeContext, work: () => T): T {
    return this.contexts.run(context, work);
  }
}

/** Installs the store where Lambda's runtime puts it, once per process; later calls find it there. */
function localInvokeStore(): LocalInvokeStore {
  process.env.AWS_LAMBDA_MAX_CONCURRENCY ||= LOCAL_MAX_CONCURRENCY;
  const runtime = ((globalThis as { awslambda?: { InvokeStore?: unknown } }).awslambda ??= {});
  if (!(runtime.InvokeStore instanceof LocalInvokeStore)) runtime.InvokeStore = new LocalInvokeStore();
  return runtime.InvokeStore as LocalInvokeStore;
}

/**
 * Runs manifest handlers in this process, each with a Lambda-like context and its declared timeout.
 * Modules are imported once, on first use, like a warm Lambda instance. Invocations run at once in one
 * process, so each runs in an InvokeStore context of its own, as Lambda's runtime does for an
 * environment that takes several at a time.
 */
export class LocalLambdas {
  private readonly modules = new Map<string, Promise<Handler>>();

  constructor(
    private readonly root: string,
    private readonly declarations: Record<string, FunctionDeclaration>,
    private readonly around: AroundInvoke = (_, __, invoke) => invoke(),
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

  invoke(name: string, event: unknown): Promise<unknown> {
    return this.around(name, event, () => this.run(name, event));
  }

  private async run(name: string, event: unknown): Promise<unknown> {
    const invokeStore = localInvokeStore();
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
        invokeStore.run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: requestId }, () =>
          localInvocation.run({ functionName: name }, () => handler(event, context)),
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}

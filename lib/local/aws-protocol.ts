/** An error answered in the AWS JSON protocol shape (`__type` and `message`, HTTP 400). */
export class AwsServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export interface AwsJsonService {
  /** The `X-Amz-Target` prefix, e.g. `AWSEvents` or `AmazonSQS`. */
  targetPrefix: string;
  contentType: string;
  handle(action: string, body: unknown): Promise<unknown> | unknown;
}

export async function dispatchAwsJson(services: AwsJsonService[], target: string, rawBody: string) {
  const [prefix, action] = target.split('.');
  const service = services.find((candidate) => candidate.targetPrefix === prefix);
  if (!service || !action) {
    return {
      status: 400,
      contentType: 'application/x-amz-json-1.1',
      body: { __type: 'UnknownOperationException', message: target },
    };
  }
  try {
    const body = rawBody ? JSON.parse(rawBody) : {};
    return { status: 200, contentType: service.contentType, body: await service.handle(action, body) };
  } catch (error) {
    const serviceError =
      error instanceof AwsServiceError
        ? error
        : new AwsServiceError('InternalFailure', (error as Error).message, 500);
    return {
      status: serviceError.status,
      contentType: service.contentType,
      body: { __type: serviceError.type, message: serviceError.message },
    };
  }
}

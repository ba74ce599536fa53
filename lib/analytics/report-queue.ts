import * as z from '../zod';
import { lazyEnv } from '../config';
import { lazySchema } from '../lazy-schema';
import { awsClients } from '../aws-clients';

const env = lazyEnv({ REPORTS_QUEUE_URL: lazySchema(() => z.string().check(z.minLength(1))) });

/** A report run handed to the worker: the run itself holds its parameters. */
export const reportRunMessageSchema = lazySchema(() =>
  z.strictObject({
    reportId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)),
    correlationId: z.string().check(z.minLength(1), z.maxLength(128)),
  }),
);
export type ReportRunMessage = z.infer<typeof reportRunMessageSchema>;

export async function sendReportRun(message: ReportRunMessage) {
  const [sqs, { SendMessageCommand }] = await Promise.all([awsClients.sqs(), import('@aws-sdk/client-sqs')]);
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: env().REPORTS_QUEUE_URL,
      MessageBody: JSON.stringify(message),
      MessageAttributes: { correlationId: { DataType: 'String', StringValue: message.correlationId } },
    }),
  );
}

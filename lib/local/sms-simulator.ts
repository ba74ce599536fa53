import * as z from '../zod';
import { lazySchema } from '../lazy-schema';

/** A text the simulator was asked to send, as an SMS gateway's console would list it. */
export interface SentSms {
  /** E.164, as the platform sent it. */
  phone: string;
  template: string;
  params: Record<string, string>;
  sentAt: string;
}

const sendRequestSchema = lazySchema(() =>
  z.strictObject({
    phone: z.string().check(z.regex(/^\+\d{6,16}$/)),
    template: z.string().check(z.minLength(1), z.maxLength(64)),
    params: z.record(z.string(), z.string()),
  }),
);

/**
 * The local cloud's SMS gateway: the platform's local SMS adapter posts each text to `POST /_sms/send`,
 * and developers and e2e tests read them at `GET /_local/sms/messages` (newest last). Nothing leaves the
 * machine; the texts live in memory only.
 */
export class SmsSimulator {
  readonly messages: SentSms[] = [];

  handle(method: string, path: string, body: unknown): { status: number; body: unknown } | undefined {
    if (method === 'POST' && path === '/_sms/send') {
      const request = sendRequestSchema.safeParse(body);
      if (!request.success) return { status: 400, body: { message: 'send { phone, template, params }' } };
      this.messages.push({ ...request.data, sentAt: new Date().toISOString() });
      return { status: 202, body: { messageId: String(this.messages.length) } };
    }
    if (method === 'GET' && path === '/_local/sms/messages')
      return { status: 200, body: { items: this.messages } };
    return undefined;
  }
}

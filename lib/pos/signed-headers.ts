import type { HeaderSpec } from '../http/route';
import {
  MAX_CLOCK_SKEW_SECONDS,
  posKeyIdHeaderSchema,
  posSignatureHeaderSchema,
  posTimestampHeaderSchema,
} from './signature';

/** The headers every signed POS request carries; how to sign is told in OpenAPI (signing-guide.ts). */
export const posSignedHeaders: HeaderSpec[] = [
  {
    name: 'X-Pos-Key',
    required: true,
    description: "The id of the store's POS key the request is signed with",
    schema: posKeyIdHeaderSchema,
    example: 'pk-3f9a1c7e5b2d4068',
  },
  {
    name: 'X-Pos-Timestamp',
    required: true,
    description: `When the till signed the request, in Unix seconds; within ${MAX_CLOCK_SKEW_SECONDS} s of our clock, either way`,
    schema: posTimestampHeaderSchema,
    example: '1795600000',
  },
  {
    name: 'X-Pos-Signature',
    required: true,
    description:
      "`v1=` and the lower-case hex HMAC-SHA256 of `<X-Pos-Timestamp>.<raw body>` under the key's secret",
    schema: posSignatureHeaderSchema,
    example: 'v1=5af39dd841e33703108adfeddfa0db71b95fa16a467acd7b709a0f95d146c851',
  },
];

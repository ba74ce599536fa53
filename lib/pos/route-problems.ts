import { posSignatureRefusal } from '../http/gateway';
import { problemResponse } from '../http/problem';

/** What every signed POS route may answer besides its own outcomes, documented once for OpenAPI. */
export const posRouteProblems = {
  401: problemResponse(
    `${posSignatureRefusal.code}: the X-Pos-Key, X-Pos-Timestamp or X-Pos-Signature header is missing, the signature is wrong or stale, or the key is unknown or revoked`,
  ),
  429: problemResponse('THROTTLED: this POS key is over its own limit'),
};

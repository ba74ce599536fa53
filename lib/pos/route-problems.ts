import { gatewayProblems, posSignatureRefusal } from '../http/gateway';
import { Problem, sharedProblemResponse } from '../http/problem';

const { status, code, title, detail } = posSignatureRefusal;
const throttled = gatewayProblems.THROTTLED;

/** What every signed POS route may answer besides its own outcomes, documented once for OpenAPI. */
export const posRouteProblems = {
  401: sharedProblemResponse(
    'PosSignatureInvalid',
    `${code}: the X-Pos-Key, X-Pos-Timestamp or X-Pos-Signature header is missing, the signature is wrong or stale, or the key is unknown or revoked`,
    new Problem(status, code, title, detail),
  ),
  429: sharedProblemResponse(
    'PosKeyThrottled',
    'THROTTLED: this POS key is over its own limit',
    new Problem(throttled.status, throttled.code, throttled.title, throttled.detail),
  ),
};

import { posSignatureRefusal } from '../http/gateway';
import { MAX_CLOCK_SKEW_SECONDS, signPosRequest } from './signature';
import { ROTATION_GRACE_HOURS } from './stores';

/** The worked example of the guide: the local cloud's demo key secret, a fixed time and a tiny body. */
const example = { secret: 'demo-pos-secret', timestamp: '1795600000', body: '{"transactionId":"T-1"}' };

/** How a till signs a request, as OpenAPI tells it on every POS route (Swagger UI cannot sign). */
export const posSigningGuide = [
  '**Signing.** Every request carries three headers, and Swagger UI cannot make them: send it from the till or a script.',
  '',
  "- `X-Pos-Key`: the id of a POS key staff issued for the store (`POST /v1/admin/stores/{storeId}/pos-keys`, which shows the key's secret once).",
  `- \`X-Pos-Timestamp\`: the time of signing in Unix seconds, within ${MAX_CLOCK_SKEW_SECONDS} s of our clock either way.`,
  "- `X-Pos-Signature`: `v1=` and the lower-case hex HMAC-SHA256, under the key's secret, of the string `<X-Pos-Timestamp>.<raw body>`: " +
    'the timestamp, a dot and the body exactly as sent (the same UTF-8 bytes: serialise the JSON once, sign it, send that).',
  '',
  `Worked example: secret \`${example.secret}\`, timestamp \`${example.timestamp}\`, body \`${example.body}\`:`,
  '',
  '```sh',
  `BODY='${example.body}'; TS=${example.timestamp}   # TS=$(date +%s) for a real request`,
  `SIG=$(printf '%s' "$TS.$BODY" | openssl dgst -sha256 -hmac '${example.secret}' | awk '{print "v1=" $NF}'); echo "$SIG"`,
  `node -e 'const { createHmac } = require("node:crypto"); console.log("v1=" + createHmac("sha256", "${example.secret}").update("${example.timestamp}." + JSON.stringify({ transactionId: "T-1" })).digest("hex"))'`,
  '```',
  '',
  `Both print \`${signPosRequest(example.secret, example.timestamp, example.body)}\`. Then send those very bytes:`,
  '',
  '```sh',
  `curl "$API_URL/v1/pos/transactions" -H "X-Pos-Key: $KEY_ID" -H "X-Pos-Timestamp: $TS" -H "X-Pos-Signature: $SIG" \\`,
  `  -H 'Content-Type: application/json' --data-binary "$BODY"`,
  '```',
  '',
  `After staff rotate a key (\`POST /v1/admin/pos-keys/{keyId}/rotate\`) the old key keeps working for ${ROTATION_GRACE_HOURS} hours beside its successor: ` +
    'move the till to the new key id and secret within that time. A revoked key is refused at once.',
  '',
  `A header missing, a timestamp out of the window, a wrong signature, or a key that is unknown, revoked or past its grace period: 401 \`${posSignatureRefusal.code}\`, ` +
    'the same answer for each, so that it tells nothing about which key ids exist.',
].join('\n');

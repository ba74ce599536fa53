import type { HttpClient } from './http';
import { elapsedMs, runPool } from './stats';

/** Members signed up through the WeChat simulator, as the mini program does (their accounts open by event). */
export async function signInMembers(http: HttpClient, run: string, count: number, concurrency: number) {
  const members: { customerId: string; accessToken: string }[] = [];
  await runPool(concurrency, count, async (i) => {
    let response = await http.send('POST', '/v1/auth/wechat/login', {
      body: JSON.stringify({ code: `${run}-member-${i}` }),
    });
    // Sign-in routes are throttled (50 a second): a fast machine signs in as a mall's opening rush would.
    while (response.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      response = await http.send('POST', '/v1/auth/wechat/login', {
        body: JSON.stringify({ code: `${run}-member-${i}` }),
      });
    }
    if (response.status !== 200) throw new Error(`Sign-in answered ${response.status}: ${response.body}`);
    const body = JSON.parse(response.body) as { accessToken: string; customer: { id: string } };
    members[i] = { customerId: body.customer.id, accessToken: body.accessToken };
  });
  return members;
}

/** Latencies of `GET /v1/loyalty/me`: each client is one member asking again as soon as it has an answer. */
export async function pointsPageLatencies(
  http: HttpClient,
  members: { accessToken: string }[],
  options: { requestsPerClient: number },
): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    members.map(async ({ accessToken }) => {
      for (let i = 0; i < options.requestsPerClient; i++) {
        const started = performance.now();
        const response = await http.send('GET', '/v1/loyalty/me', {
          headers: { authorization: `Bearer ${accessToken}` },
        });
        latencies.push(elapsedMs(started));
        if (response.status !== 200)
          throw new Error(`GET /v1/loyalty/me answered ${response.status}: ${response.body.slice(0, 300)}`);
      }
    }),
  );
  return latencies;
}

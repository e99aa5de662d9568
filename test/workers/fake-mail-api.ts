/**
 * Stands in for the internet of the Worker under test (miniflare's outbound service, run in Node): a mail
 * API that keeps what it is sent. `GET https://mail.test/received` answers what arrived so far.
 */
const received: unknown[] = [];

export async function fakeMailApi(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== "mail.test") return new Response("no network in tests", { status: 502 });
  if (request.method === "GET" && url.pathname === "/received") return Response.json(received);
  if (request.method === "POST" && url.pathname === "/send") {
    received.push({
      authorization: request.headers.get("authorization"),
      idempotencyKey: request.headers.get("idempotency-key"),
      body: await request.json(),
    });
    return Response.json({ id: `mail-${received.length}` }, { status: 202 });
  }
  return new Response("not found", { status: 404 });
}

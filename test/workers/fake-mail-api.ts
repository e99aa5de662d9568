/**
 * Stands in for the internet of the Worker under test (miniflare's outbound service, run in Node): a mail
 * API that keeps what it is sent, by mailbox (`?box=` of the URL posted to, so that test files running at
 * once keep apart). `GET https://mail.test/received?box=...` answers what arrived there so far.
 */
const received: Array<{ box: string | null; mail: unknown }> = [];

export async function fakeMailApi(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== "mail.test") return new Response("no network in tests", { status: 502 });
  const box = url.searchParams.get("box");
  if (request.method === "GET" && url.pathname === "/received")
    return Response.json(received.filter((entry) => entry.box === box).map((entry) => entry.mail));
  if (request.method === "POST" && url.pathname === "/send") {
    const mail = {
      authorization: request.headers.get("authorization"),
      idempotencyKey: request.headers.get("idempotency-key"),
      body: await request.json(),
    };
    received.push({ box, mail });
    return Response.json({ id: `mail-${received.length}` }, { status: 202 });
  }
  return new Response("not found", { status: 404 });
}

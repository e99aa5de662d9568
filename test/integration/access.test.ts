import * as crypto from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, describe, expect, it, vi } from "vitest";
import { requiredAccess } from "../../src/http/access.js";
import {
  createToken,
  hashToken,
  listTokens,
  revokeToken,
  type Scope,
  sameDigest,
  TokenVerifier,
} from "../../src/services/tokens.js";
import { MIGRATIONS_DIR, openDatabase } from "../../src/storage/database.js";
import { createTestService, TEST_TOKEN } from "../support/test-service.js";

// A pass-through spy: proves the comparisons go through crypto.timingSafeEqual.
vi.mock("node:crypto", async (original) => {
  const actual = await original<typeof import("node:crypto")>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

type Service = ReturnType<typeof createTestService>;
const services: Service[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
});

/** A service whose reads need a token (the test default is public reads). */
function privateService(env: Record<string, string> = {}): Service {
  const service = createTestService({ SLA_PUBLIC_READ: "false", ...env });
  services.push(service);
  return service;
}

const event = {
  id: "m1",
  source: "x",
  direction: "inbound",
  author: "jane",
  at: "2026-03-02T09:00:00Z",
  text: "@AcmeHelp late parcel",
};

interface Route {
  method: "GET" | "POST";
  path: string;
  body?: unknown;
}

function call(service: Service, route: Route, headers: Record<string, string> = {}) {
  const init: RequestInit = { method: route.method, headers: { ...headers } };
  if (route.body !== undefined) {
    init.headers = { ...headers, "content-type": "application/json" };
    init.body = JSON.stringify(route.body);
  }
  return service.app.request(route.path, init);
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const SCOPED: Array<Route & { scope: Scope }> = [
  { method: "POST", path: "/v1/events", body: event, scope: "ingest" },
  { method: "POST", path: "/v1/alerts/999/ack", body: { by: "jane" }, scope: "admin" },
  { method: "GET", path: "/v1/status", scope: "read" },
  { method: "GET", path: "/v1/metrics?group_by=account", scope: "read" },
  { method: "GET", path: "/v1/alerts", scope: "read" },
  { method: "GET", path: "/v1/conversations/x:m1", scope: "read" },
  { method: "GET", path: "/", scope: "read" },
  { method: "GET", path: "/dashboard", scope: "read" },
  { method: "GET", path: "/conversations/x:m1", scope: "read" },
  { method: "GET", path: "/metrics", scope: "read" },
  { method: "POST", path: "/v1/what-if", body: { target: "1h" }, scope: "read" },
  { method: "GET", path: "/v1/export/conversations.csv", scope: "read" },
  { method: "GET", path: "/v1/export/metrics.csv", scope: "read" },
];

const OPEN: Route[] = [
  { method: "GET", path: "/healthz" },
  { method: "GET", path: "/readyz" },
  { method: "GET", path: "/openapi.json" },
  { method: "GET", path: "/docs" },
  { method: "GET", path: "/assets/app.css" },
  { method: "GET", path: "/assets/status.js" },
  { method: "GET", path: "/assets/favicon.svg" },
  // Without secrets the webhooks answer 503: what matters is that no token was asked for.
  { method: "GET", path: "/v1/webhooks/x?crc_token=abc" },
  { method: "POST", path: "/v1/webhooks/meta", body: { object: "page", entry: [] } },
  { method: "POST", path: "/v1/webhooks/zendesk", body: {} },
];

describe("scopes per route", () => {
  it.each(SCOPED)("$method $path needs the $scope scope", async (route) => {
    const service = privateService();
    const tokens = {
      ingest: createToken(service.deps.db, "i", 0, ["ingest"]).token,
      read: createToken(service.deps.db, "r", 0, ["read"]).token,
      admin: createToken(service.deps.db, "a", 0, ["admin"]).token,
    };
    const anonymous = await call(service, route);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(((await anonymous.json()) as { error: string }).error).toMatch(/^authorization: /);
    const unknown = await call(service, route, bearer("sla_not-a-token"));
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual({ error: "authorization: unknown or revoked token" });
    for (const scope of ["ingest", "read", "admin"] as const) {
      const response = await call(service, route, bearer(tokens[scope]));
      if (scope === route.scope) {
        expect([401, 403]).not.toContain(response.status);
      } else {
        expect(response.status).toBe(403);
        const { error } = (await response.json()) as { error: string };
        expect(error).toContain(`"${route.scope}" scope`);
        expect(response.headers.get("www-authenticate")).toContain(`scope="${route.scope}"`);
      }
    }
    // SLA_API_TOKEN holds every scope.
    expect([401, 403]).not.toContain((await call(service, route, bearer(TEST_TOKEN))).status);
  });

  it.each(OPEN)("$method $path needs no token", async (route) => {
    const response = await call(privateService(), route);
    expect([401, 403]).not.toContain(response.status);
  });

  it("closes routes not in the table: other writes need admin, other reads read", () => {
    expect(requiredAccess("DELETE", "/v1/events", false)).toBe("admin");
    expect(requiredAccess("PUT", "/v1/status", true)).toBe("admin");
    expect(requiredAccess("GET", "/v1/something-new", false)).toBe("read");
    expect(requiredAccess("HEAD", "/dashboard", false)).toBe("read");
    expect(requiredAccess("POST", "/v1/webhooks/x", false)).toBe("open");
    expect(requiredAccess("POST", "/v1/events", true)).toBe("ingest");
    expect(requiredAccess("POST", "/v1/what-if", false)).toBe("read");
    expect(requiredAccess("POST", "/v1/what-if", true)).toBe("open");
  });

  it("refuses a malformed authorization header with 401", async () => {
    const response = await call(privateService(), SCOPED[2] as Route, {
      authorization: `Basic ${TEST_TOKEN}`,
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toContain("Authorization: Bearer");
  });
});

describe("SLA_PUBLIC_READ", () => {
  it("opens every read, and writes still need their scope", async () => {
    const service = privateService({ SLA_PUBLIC_READ: "true" });
    const read = createToken(service.deps.db, "r", 0, ["read"]).token;
    for (const route of SCOPED.filter((r) => r.scope === "read"))
      expect([401, 403], route.path).not.toContain((await call(service, route)).status);
    for (const route of SCOPED.filter((r) => r.scope !== "read")) {
      expect((await call(service, route)).status).toBe(401);
      expect((await call(service, route, bearer(read))).status).toBe(403);
    }
  });

  it("rejects a value other than true or false, naming the variable", () => {
    expect(() => createTestService({ SLA_PUBLIC_READ: "yes" })).toThrow(/SLA_PUBLIC_READ/);
  });
});

describe("revocation", () => {
  it("refuses a revoked token on the very next request, also when another connection revoked it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sla-access-"));
    const service = privateService({ SLA_DB: join(dir, "sla.db") });
    const created = createToken(service.deps.db, "wall", 0, ["read"]);
    expect((await service.getJson("/v1/status")).status).toBe(401);
    const ok = await service.app.request("/v1/status", { headers: bearer(created.token) });
    expect(ok.status).toBe(200);
    // Another process (the CLI) revokes it through its own connection to the file.
    const other = openDatabase(join(dir, "sla.db"));
    revokeToken(other.db, "wall", 1);
    other.close();
    const refused = await service.app.request("/v1/status", { headers: bearer(created.token) });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: "authorization: unknown or revoked token" });
  });

  it("revokes by id or by an unambiguous label only", () => {
    const handle = openDatabase(":memory:");
    const a = createToken(handle.db, "ci", 0);
    const b = createToken(handle.db, "ci", 0);
    expect(() => revokeToken(handle.db, "ci", 1)).toThrow(`label "ci" names 2 tokens (ids ${a.id}, ${b.id})`);
    expect(revokeToken(handle.db, String(b.id), 1).id).toBe(b.id);
    expect(revokeToken(handle.db, "ci", 2).id).toBe(a.id);
    expect(() => revokeToken(handle.db, "ci", 3)).toThrow('no active token with id or label "ci"');
    handle.close();
  });

  it("records when a token was last used, at most once a minute", async () => {
    const handle = openDatabase(":memory:");
    const verifier = new TokenVerifier(handle.db, null);
    const { token } = createToken(handle.db, "ci", 0);
    expect(await verifier.verify(token, 1_000)).toMatchObject({ scopes: ["ingest", "read", "admin"] });
    await verifier.verify(token, 30_000);
    expect(listTokens(handle.db)[0]?.lastUsedAt).toBe(1_000);
    await verifier.verify(token, 61_000);
    expect(listTokens(handle.db)[0]?.lastUsedAt).toBe(61_000);
    handle.close();
  });
});

describe("pages with ?token=", () => {
  it("keeps the token in an HttpOnly SameSite=Strict cookie for reads, not for writes", async () => {
    const service = privateService();
    const read = createToken(service.deps.db, "wall", 0, ["read", "ingest"]).token;
    const first = await service.app.request(`/dashboard?range=30d&token=${read}`);
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/dashboard?range=30d");
    const cookie = first.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^sla_token=sla_[\w-]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict$/);
    const pair = cookie.split(";")[0] ?? "";
    const page = await service.app.request("/dashboard?range=30d", { headers: { cookie: pair } });
    expect(page.status).toBe(200);
    const api = await service.app.request("/v1/status", { headers: { cookie: pair } });
    expect(api.status).toBe(200);
    // The cookie never authorizes a write, so no other site can make a browser write.
    const write = await call(service, SCOPED[0] as Route, { cookie: pair });
    expect(write.status).toBe(401);
    revokeToken(service.deps.db, "wall", 1);
    expect((await service.app.request("/", { headers: { cookie: pair } })).status).toBe(401);
  });

  it("sets no cookie for an unknown token or one without the read scope", async () => {
    const service = privateService();
    const ingest = createToken(service.deps.db, "bot", 0, ["ingest"]).token;
    const unknown = await service.app.request("/?token=sla_nope");
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("set-cookie")).toBeNull();
    const noRead = await service.app.request(`/?token=${ingest}`);
    expect(noRead.status).toBe(403);
    expect(noRead.headers.get("set-cookie")).toBeNull();
  });

  it("marks the cookie Secure behind HTTPS", async () => {
    const service = privateService();
    const response = await service.app.request(`https://sla.example.com/?token=${TEST_TOKEN}`);
    expect(response.headers.get("set-cookie")).toContain("; Secure");
  });
});

describe("token storage", () => {
  it("stores only the SHA-256 of a token: the database file never holds the token text", () => {
    const dir = mkdtempSync(join(tmpdir(), "sla-hash-"));
    const path = join(dir, "sla.db");
    const handle = openDatabase(path);
    const { token } = createToken(handle.db, "ci", 0, ["ingest"]);
    handle.sqlite.pragma("wal_checkpoint(TRUNCATE)");
    handle.close();
    const bytes = Buffer.concat(
      [path, `${path}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file)),
    );
    expect(bytes.includes(token)).toBe(false);
    expect(bytes.includes(hashToken(token))).toBe(true);
    expect(hashToken(token)).toBe(crypto.createHash("sha256").update(token).digest("hex"));
  });

  it("compares digests with crypto.timingSafeEqual", async () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    const digest = hashToken("sla_a");
    expect(sameDigest(digest, hashToken("sla_a"))).toBe(true);
    expect(sameDigest(digest, hashToken("sla_b"))).toBe(false);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(sameDigest(digest, digest.slice(0, 10))).toBe(false);
    expect(sameDigest("", "")).toBe(false);
    const handle = openDatabase(":memory:");
    const { token } = createToken(handle.db, "ci", 0);
    spy.mockClear();
    expect(await new TokenVerifier(handle.db, "configured-token-0123456789").verify(token)).not.toBeNull();
    // Once against the configured token, once against the stored digest.
    expect(spy).toHaveBeenCalledTimes(2);
    handle.close();
  });

  it("gives every scope to tokens created before scopes existed (migration 0002)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sla-migrate-"));
    const old = join(dir, "migrations");
    mkdirSync(join(old, "meta"), { recursive: true });
    for (const file of ["0000_init.sql", "0001_alerts.sql"])
      copyFileSync(join(MIGRATIONS_DIR, file), join(old, file));
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, "meta/_journal.json"), "utf8"));
    journal.entries = journal.entries.slice(0, 2);
    writeFileSync(join(old, "meta/_journal.json"), JSON.stringify(journal));
    const path = join(dir, "sla.db");
    const sqlite = new Database(path);
    migrate(drizzle(sqlite), { migrationsFolder: old });
    const token = "sla_old-token-from-before-scopes";
    sqlite
      .prepare("INSERT INTO api_tokens (hash, label, created_at) VALUES (?, 'first start', 5)")
      .run(hashToken(token));
    sqlite.close();
    const handle = openDatabase(path);
    expect(listTokens(handle.db)).toEqual([
      {
        id: 1,
        label: "first start",
        scopes: "ingest,read,admin",
        createdAt: 5,
        lastUsedAt: null,
        revokedAt: null,
      },
    ]);
    expect(await new TokenVerifier(handle.db, null).verify(token, 10)).toEqual({
      id: 1,
      scopes: ["ingest", "read", "admin"],
    });
    handle.close();
  });
});

/**
 * fast-check generators of hostile and broken input for the property tests (`test/property/`) and the
 * long fuzz run (`scripts/fuzz-endpoints.ts`): strings that break naive code, valid API events and
 * mutations of them that are surely rejected, request bodies (JSON, arrays, NDJSON with broken lines,
 * invalid UTF-8, deep nesting) and query strings.
 */
import fc from "fast-check";

/** The clock of the property tests' services. */
export const FUZZ_NOW = Date.parse("2026-03-02T12:00:00Z");
const DAY = 86_400_000;

/** Fragments that have broken escaping, headers, SQL or parsers somewhere. */
export const NASTY_FRAGMENTS = [
  "<script>alert(1)</script>",
  "</textarea><img src=x onerror=alert(1)>",
  "\"'`&<>",
  "&amp;&lt;",
  "\r\nBcc: evil@example.com\r\n",
  "\n",
  "\r",
  "\u0000",
  "\ud800",
  "\udfff",
  "\u202e",
  "\u2028",
  "\ufeff",
  "'; DROP TABLE messages; --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder as literal text is the point
  "${process.exit()}",
  "{{ticket.id}}",
  "%00%0d%0a",
  "../../etc/passwd",
  "😀",
] as const;

/** Any string: full Unicode including lone surrogates, NUL and the fragments above, sometimes long. */
export function hostileString(maxLength = 64): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.string({ unit: "binary", maxLength }), weight: 3 },
    { arbitrary: fc.string({ unit: "grapheme", maxLength }), weight: 2 },
    {
      arbitrary: fc
        .array(fc.oneof(fc.constantFrom(...NASTY_FRAGMENTS), fc.string({ maxLength: 4 })), { maxLength: 8 })
        .map((parts) => parts.join("")),
      weight: 4,
    },
    { arbitrary: fc.integer({ min: 1000, max: 20_000 }).map((n) => "é<".repeat(n)), weight: 1 },
  );
}

/** Text that must be shown escaped: always holds markup, quotes, an ampersand and CRLF, plus random parts. */
export const markupText: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({ unit: "grapheme-ascii", maxLength: 10 }),
    // Lone surrogates are refused at ingest, so they never reach a page or an email.
    fc.constantFrom(...NASTY_FRAGMENTS.filter((f) => f !== "\ud800" && f !== "\udfff")),
  )
  .map(([random, nasty]) => `${random}<b id="x">&'${nasty}\r\n<script>alert("x")</script>`);

/** A non-empty printable token (safe as an id or author in any store). */
export const token: fc.Arbitrary<string> = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,11}$/);

/** Hostile but well-formed text: the service refuses lone surrogates (they would not survive storage). */
function wellFormedHostile(maxLength: number): fc.Arbitrary<string> {
  return hostileString(maxLength).map((s) =>
    s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"),
  );
}

/** A time in the last ten days before the tests' clock, as ISO-8601 or epoch ms. */
const eventTime = fc
  .integer({ min: FUZZ_NOW - 10 * DAY, max: FUZZ_NOW })
  .chain((ms) => fc.constantFrom<string | number>(ms, new Date(ms).toISOString()));

/** A valid message event of `POST /v1/events` (unique enough ids; hostile text, author and account). */
export const validEvent: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    id: fc.oneof(fc.uuid(), fc.integer({ min: 0, max: 2 ** 40 })),
    source: fc.constantFrom("x", "api", "email", "instagram", "z.1-_"),
    type: fc.constant("message"),
    direction: fc.constantFrom("inbound", "outbound"),
    author: wellFormedHostile(40).filter((s) => s.trim().length > 0 && s.length <= 256),
    at: eventTime,
    account: fc.option(
      wellFormedHostile(40).filter((s) => s.trim().length > 0 && s.length <= 256),
      { nil: null },
    ),
    in_reply_to: fc.option(token, { nil: null }),
    links: fc.array(token, { maxLength: 3 }),
    conversation: fc.option(token, { nil: null }),
    text: fc.option(wellFormedHostile(200), { nil: null }),
    automated: fc.boolean(),
  },
  { requiredKeys: ["id", "direction", "author", "at"] },
);

/** Values of the wrong type or shape for any field. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -0, 2 ** 53 + 2, "", " ", "\u0000", [], {}),
  fc.jsonValue({ maxDepth: 3 }),
  hostileString(),
);

/** A change that makes any event invalid, whatever the rest of it holds. */
const breaking: fc.Arbitrary<(event: Record<string, unknown>) => unknown> = fc.oneof(
  fc.constantFrom("id", "at").map((key) => (e: Record<string, unknown>) => omit(e, key)),
  fc
    .constantFrom("", "   ", {}, [], true, -1, 1.5, "x".repeat(257), null)
    .map((id) => (e: Record<string, unknown>) => ({ ...e, id })),
  fc
    .constantFrom("yesterday", "2026-03-02", "2026-03-02T09:00:00", 0, 4_102_444_800_000, {}, true, -5)
    .map((at) => (e: Record<string, unknown>) => ({ ...e, at })),
  fc
    .constantFrom("", "sideways", 1, null)
    .map((direction) => (e: Record<string, unknown>) => ({ ...e, direction })),
  fc
    .constantFrom("", "a b", "<x>", "-x", 3, "s".repeat(41))
    .map((source) => (e: Record<string, unknown>) => ({ ...e, source })),
  fc
    .constantFrom("x".repeat(100_001), 5, {}, ["a"])
    .map((text) => (e: Record<string, unknown>) => ({ ...e, text })),
  fc.constantFrom("yes", 1, null).map((automated) => (e: Record<string, unknown>) => ({ ...e, automated })),
  fc.constantFrom("note", "", 7).map((type) => (e: Record<string, unknown>) => ({ ...e, type })),
  fc.constant((e: Record<string, unknown>) =>
    omit({ ...e, type: "resolve", in_reply_to: null }, "conversation"),
  ),
  fc.constantFrom(null, "event", 42, [1, 2], true).map((value) => () => value),
);

/** A valid event broken so that it is surely rejected. */
export const rejectedEvent: fc.Arbitrary<unknown> = fc
  .tuple(validEvent, breaking)
  .map(([event, breakIt]) => breakIt(event));

/** A valid event with one random field replaced or added: may or may not be accepted. */
export const mutatedEvent: fc.Arbitrary<unknown> = fc
  .tuple(
    validEvent,
    fc.constantFrom(
      "id",
      "source",
      "type",
      "direction",
      "author",
      "at",
      "account",
      "in_reply_to",
      "links",
      "conversation",
      "text",
      "automated",
      "extra",
    ),
    wrongValue,
  )
  .map(([event, key, value]) => ({ ...event, [key]: value }));

function omit(event: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _removed, ...rest } = event;
  return rest;
}

/** Bytes that are not UTF-8 (lone continuation bytes, overlongs, surrogates encoded, truncated sequences). */
export const invalidUtf8: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.uint8Array({ maxLength: 40 }),
    fc.constantFrom([0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80], [0xe2, 0x82], [0xff]),
  )
  .map(([random, bad]) => {
    const prefix = new TextEncoder().encode('{"id":"u1","text":"');
    return new Uint8Array([...prefix, ...random, ...bad, ...new TextEncoder().encode('"}')]);
  });

/** JSON nested `depth` levels deep, as text (built as text: JSON.stringify would recurse). */
export const deepNesting: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.constantFrom("array", "object", "event"))
  .map(([depth, kind]) => {
    if (kind === "array") return `${"[".repeat(depth)}${"]".repeat(depth)}`;
    const inner = `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    return kind === "object" ? inner : `{"id":"deep","at":0,"text":${inner}}`;
  });

/** An NDJSON body of valid, rejected and broken lines, with CRLF or LF endings and blank lines. */
export const ndjsonBody: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(
      fc.oneof(
        validEvent.map((e) => JSON.stringify(e)),
        rejectedEvent.map((e) => JSON.stringify(e) ?? "undefined"),
        fc.constantFrom('{"id": "broken', "}{", "", "   ", "\u0000", "[1,2", "null", '"text"'),
        hostileString(),
      ),
      { maxLength: 12 },
    ),
    fc.constantFrom("\n", "\r\n"),
  )
  .map(([lines, eol]) => lines.join(eol));

/** Values at and past the edges of numbers and dates, and enum values in the wrong place. */
const EXTREME_QUERY_VALUES = [
  "-1",
  "0",
  "1e400",
  "99999999999999999999",
  "8640000000000001",
  "+275760-09-13T00:00:00.001Z",
  "-271821-04-20T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "NaN",
  "2026-13-45",
  "day",
  "account",
  "weekday",
  "Europe/Berlin",
  "goal",
  "7d",
];

/** A query string of known and random parameters with hostile values. */
export const queryString: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(
          "account",
          "source",
          "limit",
          "from",
          "to",
          "group_by",
          "tz",
          "now",
          "status",
          "level",
          "range",
        ),
        hostileString(8),
      ),
      fc.oneof(hostileString(), fc.constantFrom(...EXTREME_QUERY_VALUES)),
    ),
    { maxLength: 5 },
  )
  .map((pairs) =>
    pairs
      .map(([k, v]) => `${encodeURIComponent(toWellFormed(k))}=${encodeURIComponent(toWellFormed(v))}`)
      .join("&"),
  );

/** encodeURIComponent throws on lone surrogates; a URL cannot carry them anyway. */
function toWellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/** Any JSON value replacing the value at a random path of `seed`, or a key removed: mutations of real payloads. */
export function mutateJson(seed: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(seed, []);
  return fc
    .tuple(fc.constantFrom(...paths), fc.oneof(wrongValue, fc.constant(undefined)))
    .map(([path, value]) => replaceAt(seed, path, value));
}

function pathsOf(value: unknown, path: (string | number)[]): (string | number)[][] {
  const own = [path];
  if (Array.isArray(value)) return own.concat(value.flatMap((item, i) => pathsOf(item, [...path, i])));
  if (value && typeof value === "object") {
    return own.concat(Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...path, k])));
  }
  return own;
}

function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[Number(head)] = replaceAt(copy[Number(head)], rest, replacement);
    return copy;
  }
  if (value && typeof value === "object") {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const next = replaceAt(copy[head], rest, replacement);
    if (next === undefined) delete copy[head];
    else copy[head] = next;
    return copy;
  }
  return value;
}

/**
 * The long fuzz run of every endpoint, in process (`app.request`), with the generators of the property
 * tests (`test/support/fuzz-requests.ts`): hostile events, signed and unsigned webhook deliveries mutated
 * from the real fixtures, GETs with random ids and query strings.
 *
 *   npx tsx scripts/fuzz-endpoints.ts [--cases 100000] [--round 10000] [--seed N]
 *   npx tsx scripts/fuzz-endpoints.ts --seed N --path P      # replays one failure
 *
 * Properties: never a 5xx, never a thrown error; a write request answered 4xx changes no row. Cases run in
 * rounds, each on a fresh service with its own seed (so the database does not grow without bound, and a
 * failure stops only its round); every failure is printed with the seed and path that replay it.
 * Exit 1 on any failure.
 */
import { parseArgs } from "node:util";
import fc from "fast-check";
import { FUZZ_NOW } from "../test/support/arbitraries.js";
import {
  anyRequest,
  describeRequest,
  FUZZ_ENV,
  type FuzzRequest,
  requestInit,
} from "../test/support/fuzz-requests.js";
import { createTestService } from "../test/support/test-service.js";

type Service = ReturnType<typeof createTestService>;

/** A bug hit at the start of every round would otherwise turn the run into thousands of tiny rounds. */
const MAX_FAILURES = 20;

const changes = (s: Service) => Number(s.handle.sqlite.prepare("SELECT total_changes()").pluck().get());

/** One case: throws (an assertion) when a property does not hold. */
async function check(s: Service, request: FuzzRequest): Promise<void> {
  const before = changes(s);
  const response = await s.app.request(request.path, requestInit(request));
  const text = await response.text();
  if (response.status >= 500) throw new Error(`${response.status} ${text.slice(0, 300)}`);
  if (request.method === "POST" && response.status >= 400 && changes(s) !== before) {
    throw new Error(`${response.status} but ${changes(s) - before} rows changed: ${text.slice(0, 300)}`);
  }
}

interface RoundResult {
  cases: number;
  failure: { seed: number; path: string; request: string; error: string } | null;
}

async function runRound(seed: number, cases: number, path?: string): Promise<RoundResult> {
  const s = createTestService(FUZZ_ENV, FUZZ_NOW);
  try {
    const details = await fc.check(
      fc.asyncProperty(anyRequest(), (request) => check(s, request)),
      { numRuns: cases, seed, ...(path ? { path } : {}) },
    );
    // numRuns: the cases run up to and including the first failure (shrinking not counted).
    const ran = details.numRuns;
    if (!details.failed || !details.counterexample) return { cases: ran, failure: null };
    const [request] = details.counterexample;
    const error =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    return {
      cases: ran,
      failure: { seed, path: details.counterexamplePath ?? "", request: describeRequest(request), error },
    };
  } finally {
    await s.close();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      cases: { type: "string", default: "100000" },
      round: { type: "string", default: "10000" },
      seed: { type: "string", default: String(Date.now() % 2 ** 31) },
      path: { type: "string" },
    },
  });
  const seed = Number(values.seed);
  if (values.path) {
    const result = await runRound(seed, 1, values.path);
    console.log(result.failure ? `FAILS: ${JSON.stringify(result.failure, null, 2)}` : "passes");
    return result.failure ? 1 : 0;
  }
  const total = Number(values.cases);
  const round = Math.min(Number(values.round), total);
  console.log(`fuzzing ${total} cases in rounds of ${round}, seeds from ${seed}`);
  const started = performance.now();
  let done = 0;
  const failures: NonNullable<RoundResult["failure"]>[] = [];
  for (let r = 0; done < total && failures.length < MAX_FAILURES; r++) {
    const roundStarted = performance.now();
    const cases = Math.min(round, total - done);
    const result = await runRound(seed + r, cases);
    // A failed round stops at its failure; the next round goes on with the next seed.
    done += result.cases;
    const rate = result.cases / ((performance.now() - roundStarted) / 1000);
    console.log(
      `round ${r + 1} (seed ${seed + r}): ${result.cases} cases, ${rate.toFixed(0)} cases/s${result.failure ? ", FAILED" : ""}`,
    );
    if (result.failure) {
      failures.push(result.failure);
      console.log(
        `  ${result.failure.error}\n  request: ${result.failure.request}\n  replay: npx tsx scripts/fuzz-endpoints.ts --seed ${result.failure.seed} --path ${result.failure.path}`,
      );
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${done} cases in ${seconds.toFixed(1)} s (${(done / seconds).toFixed(0)} cases/s); ${failures.length} failures`,
  );
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

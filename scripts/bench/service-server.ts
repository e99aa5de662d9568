/**
 * Child entry point: the real service (`startNodeServer`), configured from the environment like
 * `sla serve` (SLA_DB, SLA_API_TOKEN, PORT=0 for any free port). Reports `{ ready, url }` on stdout and
 * stops cleanly on SIGTERM, so every acknowledged write is committed before the parent counts rows.
 */
import { loadConfig } from "../../src/config.js";
import { startNodeServer, stopOnSignals } from "../../src/runtime/node.js";
import { reportToParent } from "./child-process.js";

const running = await startNodeServer(loadConfig(process.env));
stopOnSignals(running);
reportToParent({ ready: true, url: running.url });

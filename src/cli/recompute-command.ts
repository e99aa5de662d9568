import type { Config } from "../config.js";
import { createNodeService } from "../runtime/node-service.js";
import { parseCommand } from "./options.js";

export const RECOMPUTE_USAGE = "recompute [--db PATH]";

/**
 * `recompute`: measures every stored conversation again under the policies in force now. Until asked,
 * a conversation keeps the policy version it was measured with, whatever changed since.
 */
export async function recomputeCommand(args: string[], config: Config): Promise<number> {
  const { values } = parseCommand(args, { db: { type: "string" } });
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const service = createNodeService({ ...config, dbPath: values.db ?? config.dbPath }, { log });
  try {
    const before = service.handle.sqlite
      .prepare("SELECT count(*) FROM conversations WHERE policy_set <> ?")
      .pluck()
      .get(service.policies.current.id) as number;
    let last = 0;
    service.store.recomputeAll((done, total) => {
      if (process.stderr.isTTY && Date.now() - last > 500) {
        last = Date.now();
        process.stderr.write(`\rthreads ${done}/${total}`);
      }
    });
    if (process.stderr.isTTY) process.stderr.write("\n");
    const versions = service.policies.current.policies.map((p) => `${p.name} v${p.version}`).join(", ");
    console.log(
      `recomputed every conversation under ${versions} (${before} were measured with earlier policies)`,
    );
    return 0;
  } finally {
    await service.close();
  }
}

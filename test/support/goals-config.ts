import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Writes `yaml` as a config file (for `SLA_CONFIG`) in a fresh folder and returns its path. */
export function writeConfig(yaml: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "sla-goals-")), "sla.yaml");
  writeFileSync(path, yaml);
  return path;
}

import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium: the e2e tests never download a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Where screenshots go (gitignored), to be looked at by a person after a run. */
export const ARTIFACTS = join(process.cwd(), "test-artifacts");

/** A laptop-sized viewport. */
export const DESKTOP = { width: 1280, height: 900 };
/** An iPhone 14-sized viewport: the narrow layout must hold here. */
export const PHONE = { width: 390, height: 844 };

/**
 * Launches headless Chromium. A missing browser is an error, not a skip: these tests are part of
 * `npm test`, and a quietly skipped browser suite would let a broken page through.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. The browser tests drive Debian's Chromium: install it with ` +
        "`apt-get install -y --no-install-recommends chromium` (.ci/run does this), or set CHROMIUM_PATH.",
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // No sandbox (containers, root); no GPU; and nothing that phones home, so runs are offline and steady.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/** A screenshot path under `test-artifacts/`. */
export function artifact(name: string): string {
  return join(ARTIFACTS, `${name}.png`);
}

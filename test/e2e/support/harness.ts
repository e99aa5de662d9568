import type { Browser } from "playwright-core";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { launchBrowser } from "./browser.js";
import { type E2eServer, type E2eServerOptions, startE2eServer } from "./server.js";

/** The running browser and server of a test file (available inside tests, not at import time). */
export interface E2eHarness {
  readonly browser: Browser;
  readonly server: E2eServer;
}

/**
 * Starts Chromium and the seeded server (with `options`) once per test file. A setup failure (most often:
 * no Chromium) is rethrown by every test, so each one is reported failed with the reason; vitest would
 * otherwise list the tests of a file whose `beforeAll` threw as skipped.
 */
export function useE2eHarness(options: E2eServerOptions = {}): E2eHarness {
  let browser: Browser | undefined;
  let server: E2eServer | undefined;
  let setupError: unknown;
  beforeAll(async () => {
    const [launched, started] = await Promise.allSettled([launchBrowser(), startE2eServer(options)]);
    if (launched.status === "fulfilled") browser = launched.value;
    else setupError = launched.reason;
    if (started.status === "fulfilled") server = started.value;
    else setupError ??= started.reason;
  }, 60_000);
  beforeEach(() => {
    if (setupError !== undefined) throw setupError;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error("the browser did not start");
      return browser;
    },
    get server() {
      if (!server) throw new Error("the server did not start");
      return server;
    },
  };
}

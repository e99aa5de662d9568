import { Hono } from "hono";
import type { AppEnv } from "./deps.js";

/** HTML pages: the agents' status page and the leads' dashboard. */
export function pagesRoutes() {
  return new Hono<AppEnv>();
}

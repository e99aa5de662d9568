/** A config file's text, JSON or YAML, parsed and validated so that every problem names its line. */
import { extname } from "node:path";
import {
  type Document,
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  visit,
  type YAMLError,
} from "yaml";
import type { z } from "zod";
import { ConfigError } from "./config-error.js";
import { findNonJson } from "./json-syntax.js";

/** Alias expansions a file may make: plenty for shared address lists, too few to exhaust memory. */
const MAX_ALIAS_COUNT = 100;

export type ConfigFormat = "json" | "yaml";

/** `.json` files are JSON; `.yaml`, `.yml` and any other name are read as YAML. */
export function configFormat(path: string): ConfigFormat {
  return extname(path).toLowerCase() === ".json" ? "json" : "yaml";
}

/**
 * Parses a config file's text, in the format its path names, and validates it with `schema`. Throws a
 * ConfigError naming the file and, for each problem, the line (and the key path).
 */
export function parseConfigText<T>(text: string, path: string, schema: z.ZodType<T>): T {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number) => lines.linePos(offset).line;
  const fail = (offset: number, message: string): never => {
    const { line, col } = lines.linePos(offset);
    throw new ConfigError(`config file ${path}, line ${line}, column ${col}: ${message}`);
  };
  // Warnings (an unknown tag, say) would silently change a value: they stop the start too.
  const [error] = [...doc.errors, ...doc.warnings];
  if (error) fail(error.pos[0], syntaxMessage(doc, error));
  const notJson = configFormat(path) === "json" ? findNonJson(text) : null;
  if (notJson) fail(notJson.offset, notJson.message);
  const unusable = unusableNode(doc);
  if (unusable) fail(unusable.offset, unusable.message);
  let value: unknown;
  try {
    // A YAML file holding nothing (or only comments) sets nothing.
    value = doc.contents === null ? {} : doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    // yaml throws a ReferenceError when aliases would expand past the cap (a "billion laughs" file).
    const message =
      cause instanceof ReferenceError
        ? `aliases expand to too many values (at most ${MAX_ALIAS_COUNT})`
        : (cause as Error).message;
    throw new ConfigError(`config file ${path}: ${message}`);
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .flatMap((issue) => describeIssue(issue, doc, lineOf))
    .sort((a, b) => a.offset - b.offset);
  throw new ConfigError(problems.map(({ text }) => `config file ${path}, ${text}`).join("\n  "));
}

/**
 * `line L (a.b[2]): message`, with the offset it is sorted by; custom checks name their field in their
 * message, so they get the line only (and nothing when they concern the whole file).
 */
function describeIssue(
  issue: z.ZodError["issues"][number],
  doc: Document,
  lineOf: (offset: number) => number,
): { offset: number; text: string }[] {
  const path = issue.path.filter((key) => typeof key !== "symbol");
  const { node, offset } = locate(doc, path);
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const pair = isMap(node) ? findPair(node.items, key) : undefined;
      const at = isNode(pair?.key) ? pair.key.range[0] : offset;
      return { offset: at, text: `line ${lineOf(at)} (${formatPath([...path, key])}): unknown key` };
    });
  }
  if (issue.code === "custom") {
    const text = path.length > 0 ? `line ${lineOf(offset)}: ${issue.message}` : issue.message;
    return [{ offset: path.length > 0 ? offset : -1, text }];
  }
  const where = path.length > 0 ? ` (${formatPath(path)})` : "";
  return [{ offset, text: `line ${lineOf(offset)}${where}: ${issue.message}` }];
}

/**
 * The node at `path` and the offset its line is reported at: the deepest node that exists along the
 * path, so a missing key is reported at the object that lacks it. A value that starts on the next line
 * (an indented mapping or list, or nothing) is reported at its key.
 */
function locate(doc: Document, path: (string | number)[]): { node: unknown; offset: number } {
  let node: unknown = doc.contents;
  let offset = isNode(node) ? node.range[0] : 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = findPair(node.items, key);
      if (!pair) break;
      node = pair.value;
      const onNextLine = !isNode(pair.value) || (isCollection(pair.value) && !pair.value.flow);
      const at = onNextLine ? pair.key : pair.value;
      if (isNode(at)) offset = at.range[0];
    } else if (isSeq(node) && typeof key === "number" && isNode(node.items[key])) {
      node = node.items[key];
      if (isNode(node)) offset = node.range[0];
    } else {
      // A scalar, or an alias: its anchor may sit anywhere, the alias is where the value is used.
      break;
    }
  }
  return { node, offset };
}

function findPair(items: Pair<unknown, unknown>[], key: string | number): Pair<unknown, unknown> | undefined {
  return items.find((pair) => isScalar(pair.key) && String(pair.key.value) === String(key));
}

const isNode = (value: unknown): value is Node & { range: [number, number, number] } =>
  (isScalar(value) || isCollection(value) || isAlias(value)) && Array.isArray(value.range);

/** `alerts.accounts["Acme.Help"].to[0]` */
function formatPath(path: (string | number)[]): string {
  return path
    .map((key, i) => {
      if (typeof key === "number") return `[${key}]`;
      if (/^[\w-]+$/.test(key)) return i === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join("");
}

function syntaxMessage(doc: Document, error: YAMLError): string {
  if (error.code === "MULTIPLE_DOCS") return "a second document (a config file holds one)";
  if (error.code !== "DUPLICATE_KEY") return error.message;
  const keys: unknown[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.range?.[0] === error.pos[0]) keys.push(pair.key.value);
    },
  });
  return keys.length > 0 ? `duplicate key ${JSON.stringify(keys[0])}` : error.message;
}

/** What YAML reads but a settings object cannot hold: an alias to no anchor, a list or mapping as a key. */
function unusableNode(doc: Document): { offset: number; message: string } | undefined {
  const problems: { offset: number; message: string }[] = [];
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc)) return;
      problems.push({
        offset: alias.range?.[0] ?? 0,
        message: `the alias *${alias.source} has no anchor before it`,
      });
      return visit.BREAK;
    },
    Pair(_, pair) {
      if (!isCollection(pair.key)) return;
      problems.push({
        offset: pair.key.range?.[0] ?? 0,
        message: "a key must be a single value, not a list or mapping",
      });
      return visit.BREAK;
    },
  });
  return problems[0];
}

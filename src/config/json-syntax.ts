/**
 * Keeps a `.json` config file to JSON. The file is parsed as YAML (for line numbers), and YAML 1.2 reads
 * far more than JSON: this finds the first thing JSON does not have, so a file named `.json` means JSON.
 */
import { type CST, Parser } from "yaml";

/** Where a `.json` file stops being JSON, and what it has there. */
export interface NotJson {
  offset: number;
  message: string;
}

const JSON_LITERAL = /^(?:null|true|false|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;
const JSON_ESCAPE = /^(?:["\\/bfnrt]|u[0-9a-fA-F]{4})$/;
const SEPARATORS = new Set(["space", "newline", "comma", "map-value-ind", "flow-map-end", "flow-seq-end"]);

const YAML_ONLY: Record<string, string> = {
  comment: "a comment",
  anchor: "an anchor",
  alias: "an alias",
  tag: "a tag",
  "block-map": "an indented mapping",
  "block-seq": "a dash list",
  "block-scalar": "a block string",
  "single-quoted-scalar": "a single-quoted string",
  "doc-start": "a document marker",
  "doc-end": "a document marker",
  directive: "a directive",
  "explicit-key-ind": "an explicit key",
  "seq-item-ind": "a dash list",
};

const yamlOnly = (token: { type: string; offset: number }): NotJson => ({
  offset: token.offset,
  message: `${YAML_ONLY[token.type] ?? "this"} is YAML, not JSON (name the file .yaml to write YAML)`,
});

/** The first place where `text`, which parses as YAML, is not JSON; null when it is JSON. */
export function findNonJson(text: string): NotJson | null {
  let value: CST.Token | undefined;
  for (const token of new Parser().parse(text)) {
    if (token.type === "byte-order-mark") continue;
    if (token.type !== "document") return yamlOnly(token);
    const around = firstOf([...token.start, ...(token.end ?? [])]);
    if (around) return around;
    value = token.value;
  }
  if (!value) return { offset: text.length, message: "expected a JSON value, found an empty file" };
  return checkValue(value);
}

function checkValue(token: CST.Token): NotJson | null {
  if (token.type === "flow-collection") return checkCollection(token);
  if (token.type === "scalar" && !JSON_LITERAL.test(token.source)) {
    return {
      offset: token.offset,
      message: `${token.source} is not a JSON value (strings need double quotes)`,
    };
  }
  if (token.type === "double-quoted-scalar") {
    const notJson = checkString(token.source, token.offset);
    if (notJson) return notJson;
  } else if (token.type !== "scalar") {
    return yamlOnly(token);
  }
  return firstOf(token.end ?? []);
}

function checkCollection(token: CST.FlowCollection): NotJson | null {
  const isMap = token.start.type === "flow-map-start";
  for (const item of token.items) {
    const start = firstOf(item.start);
    if (start) return start;
    if (!item.key && !item.value && !item.sep) {
      // Space before the closing bracket is an item of its own; a comma there is a trailing comma.
      const comma = item.start.find((part) => part.type === "comma");
      if (comma) return { offset: comma.offset, message: "a trailing comma is not JSON" };
      continue;
    }
    if (isMap && item.key?.type !== "double-quoted-scalar") {
      const at = item.key ?? item.value ?? token;
      return { offset: at.offset, message: "a JSON key must be a double-quoted string" };
    }
    if (!isMap && (item.key || item.sep)) {
      return { offset: item.key?.offset ?? token.offset, message: "a key in a list is not JSON" };
    }
    const notJson =
      (item.key && checkValue(item.key)) || firstOf(item.sep ?? []) || (item.value && checkValue(item.value));
    if (notJson) return notJson;
    if (isMap && !item.value)
      return { offset: item.key?.offset ?? token.offset, message: "a key without a value is not JSON" };
  }
  return firstOf(token.end);
}

/** YAML double-quoted strings also take line breaks, tabs and escapes such as \x41 or \e. */
function checkString(source: string, offset: number): NotJson | null {
  for (let i = 1; i < source.length - 1; i++) {
    const char = source[i] ?? "";
    if (char < " ")
      return { offset: offset + i, message: "a control character or line break in a string is not JSON" };
    if (char !== "\\") continue;
    const code = source[i + 1] === "u" ? source.slice(i + 1, i + 6) : (source[i + 1] ?? "");
    if (!JSON_ESCAPE.test(code)) return { offset: offset + i, message: `the escape \\${code} is not JSON` };
    i += code.length;
  }
  return null;
}

/** The first of `parts` that is more than space, a comma, a colon or a closing bracket. */
function firstOf(parts: CST.SourceToken[]): NotJson | null {
  const other = parts.find((part) => !SEPARATORS.has(part.type));
  return other ? yamlOnly(other) : null;
}

import type { OpenApiDocument } from "./openapi-types.js";

/** Where a "try it" form of the docs page leads, or why it cannot. */
export type TryTarget = { ok: true; url: string } | { ok: false; message: string };

/**
 * Builds the URL of a GET operation from the docs form's fields: path parameters are substituted
 * (percent-encoded), non-empty query parameters appended. Only paths of the document are reachable, so the
 * redirect can never leave this service.
 */
export function tryTarget(doc: OpenApiDocument, fields: Record<string, string>): TryTarget {
  const wanted = fields.operation ?? "";
  const found = Object.entries(doc.paths).find(([, item]) => item.get?.operationId === wanted);
  const operation = found?.[1].get;
  if (!found || !operation) return { ok: false, message: `operation: no GET operation ${wanted}` };
  let path = found[0];
  const query = new URLSearchParams();
  for (const parameter of operation.parameters ?? []) {
    const value = fields[parameter.name] ?? "";
    if (parameter.in === "path") {
      if (value === "") return { ok: false, message: `${parameter.name}: required` };
      path = path.replace(`{${parameter.name}}`, encodeURIComponent(value));
    } else if (value !== "") query.set(parameter.name, value);
  }
  const search = query.toString();
  return { ok: true, url: search === "" ? path : `${path}?${search}` };
}

import type { JSX } from "hono/jsx/jsx-runtime";
import { Parameters, SchemaView, TryForm } from "./docs-parts.js";
import type { Method, OpenApiDocument, Operation } from "./openapi-types.js";

// Rendered with hono/jsx: every value from the document is escaped by construction, no HTML is built
// from strings. The page needs no script and no network: a GET is tried through a plain form.

const CSS = `body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:0 auto;padding:16px;color:#111827}
code,pre{font:13px/1.4 ui-monospace,monospace}pre{background:#f3f4f6;padding:8px;overflow:auto;max-height:24em}
table{border-collapse:collapse}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #d1d5db;vertical-align:top}
section{border-top:2px solid #d1d5db;margin-top:24px}.method{font-weight:700;text-transform:uppercase}
form div{margin-top:8px}.hint{color:#4b5563;font-size:13px}button{margin-top:8px;padding:4px 12px}`;

const anchor = (method: Method, path: string) => `${method}-${path.replace(/[^A-Za-z0-9]+/g, "-")}`;

function OperationView(props: { method: Method; path: string; operation: Operation }): JSX.Element {
  const { method, path, operation } = props;
  return (
    <section id={anchor(method, path)}>
      <h2>
        <span class="method">{method}</span> <code>{path}</code>
      </h2>
      <p>{operation.summary}</p>
      {operation.description ? <p>{operation.description}</p> : ""}
      {operation.security ? (
        <p>
          Needs a bearer token (<a href="#authentication">authentication</a>).
        </p>
      ) : (
        ""
      )}
      {operation.parameters?.length ? <Parameters parameters={operation.parameters} /> : ""}
      {operation.requestBody ? (
        <>
          <h3>Request body</h3>
          {Object.entries(operation.requestBody.content).map(([type, media]) => (
            <div>
              <p>
                <code>{type}</code>
              </p>
              <SchemaView schema={media.schema} />
            </div>
          ))}
        </>
      ) : (
        ""
      )}
      <h3>Responses</h3>
      <ul>
        {Object.entries(operation.responses).map(([status, response]) => (
          <li>
            <strong>{status}</strong> {response.description}
            {Object.entries(response.content ?? {}).map(([type, media]) => (
              <>
                {" "}
                (<code>{type}</code>: <SchemaView schema={media.schema} />)
              </>
            ))}
          </li>
        ))}
      </ul>
      {method === "get" ? <TryForm path={path} operation={operation} /> : ""}
    </section>
  );
}

/** The docs page: every operation with its parameters, bodies and answers, and the component schemas. */
export function DocsPage(props: { doc: OpenApiDocument }): JSX.Element {
  const { doc } = props;
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    (["get", "post"] as const).flatMap((method) => {
      const operation = item[method];
      return operation ? [{ method, path, operation }] : [];
    }),
  );
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${doc.info.title} API`}</title>
        <style>{CSS}</style>
      </head>
      <body>
        <header>
          <h1>{doc.info.title} API</h1>
          <p>{doc.info.description}</p>
          <h2 id="authentication">Authentication</h2>
          <ul>
            {Object.entries(doc.components.securitySchemes).map(([name, scheme]) => (
              <li>
                <code>{name}</code>: {scheme.description}
              </li>
            ))}
          </ul>
          <p>
            Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI {doc.openapi}).
          </p>
        </header>
        <nav aria-label="Operations">
          <ul>
            {operations.map((o) => (
              <li>
                <a href={`#${anchor(o.method, o.path)}`}>
                  <span class="method">{o.method}</span> {o.path}
                </a>{" "}
                {o.operation.summary}
              </li>
            ))}
          </ul>
        </nav>
        <main>
          {operations.map((o) => (
            <OperationView method={o.method} path={o.path} operation={o.operation} />
          ))}
          <section>
            <h2>Schemas</h2>
            {Object.entries(doc.components.schemas).map(([name, schema]) => (
              <details id={`schema-${name}`}>
                <summary>{name}</summary>
                <SchemaView schema={schema} />
              </details>
            ))}
          </section>
        </main>
      </body>
    </html>
  );
}

/** The docs page as an HTML document (the page renders synchronously: no async components). */
export function renderDocsPage(doc: OpenApiDocument): string {
  const html: unknown = (<DocsPage doc={doc} />).toString();
  if (typeof html !== "string") throw new Error("the docs page must render synchronously");
  return `<!DOCTYPE html>\n${html}`;
}

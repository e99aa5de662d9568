import type { JSX } from "hono/jsx/jsx-runtime";
import type { JsonSchema, Operation, Parameter } from "./openapi-types.js";

// Parts of the docs page (hono/jsx escapes every value: no HTML is built from strings).

/** A parameter's type in a word: its enum values or JSON type. */
export function typeOf(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return schema.enum.map(String).join(" | ");
  if (typeof schema.type === "string") return schema.type;
  if (Array.isArray(schema.type)) return schema.type.map(String).join(" | ");
  return "any";
}

/** A schema: a link to its component when it is a reference, else its JSON. */
export function SchemaView(props: { schema: JsonSchema }): JSX.Element {
  const target = props.schema.$ref;
  if (typeof target === "string") {
    const name = target.split("/").pop() ?? target;
    return <a href={`#schema-${name}`}>{name}</a>;
  }
  return (
    <pre>
      <code>{JSON.stringify(props.schema, null, 2)}</code>
    </pre>
  );
}

/** The parameters of an operation as a table. */
export function Parameters(props: { parameters: Parameter[] }): JSX.Element {
  return (
    <table>
      <caption>Parameters</caption>
      <thead>
        <tr>
          <th scope="col">name</th>
          <th scope="col">in</th>
          <th scope="col">type</th>
          <th scope="col">description</th>
        </tr>
      </thead>
      <tbody>
        {props.parameters.map((p) => (
          <tr>
            <td>
              <code>{p.name}</code>
              {p.required ? " (required)" : ""}
            </td>
            <td>{p.in}</td>
            <td>{typeOf(p.schema)}</td>
            <td>{p.description ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A form that sends the GET through `/docs/try`, which fills the path and redirects to the answer. */
export function TryForm(props: { path: string; operation: Operation }): JSX.Element {
  const { operationId } = props.operation;
  return (
    <form method="get" action="/docs/try" aria-label={`Try GET ${props.path}`}>
      <input type="hidden" name="operation" value={operationId} />
      {(props.operation.parameters ?? []).map((p) => {
        const id = `${operationId}-${p.name}`;
        const options = Array.isArray(p.schema.enum) ? p.schema.enum.map(String) : null;
        const hint = p.description ? `${id}-hint` : undefined;
        const placeholder =
          p.schema.default === undefined ? undefined : `default ${String(p.schema.default)}`;
        return (
          <div>
            <label for={id}>
              {p.name}
              {p.required ? " (required)" : ""}
            </label>{" "}
            {options ? (
              <select id={id} name={p.name} aria-describedby={hint}>
                <option value="">(any)</option>
                {options.map((o) => (
                  <option value={o}>{o}</option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                name={p.name}
                required={p.required}
                aria-describedby={hint}
                placeholder={placeholder}
              />
            )}{" "}
            {hint ? (
              <span id={hint} class="hint">
                {p.description}
              </span>
            ) : (
              ""
            )}
          </div>
        );
      })}
      <button type="submit">Send GET {props.path}</button>
    </form>
  );
}

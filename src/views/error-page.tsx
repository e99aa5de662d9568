import { Layout } from "./layout.js";

/** A page for a request the pages cannot answer (an unknown conversation, a bad query). */
export function ErrorPage({ title, message }: { title: string; message: string }) {
  return (
    <Layout title={title} current={null}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Back to the status page</a>
      </p>
    </Layout>
  );
}

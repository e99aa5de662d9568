import type { Child } from "hono/jsx";

/** The pages in the navigation; `current` marks the one shown with `aria-current`. */
export type NavPage = "status" | "dashboard" | null;

/** A page's title (also the document title), its place in the navigation and its content. */
export interface LayoutProps {
  title: string;
  current: NavPage;
  /** Adds the status page's live-update script (progressive enhancement). */
  script?: boolean;
  children?: Child;
}

/** The shared page frame: language, viewport, stylesheet, skip link and navigation between the pages. */
export function Layout({ title, current, script, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · SLA monitor`}</title>
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/app.css" />
        {script ? <script src="/assets/status.js" defer /> : null}
      </head>
      <body>
        <a class="skip" href="#content">
          Skip to content
        </a>
        <header class="site">
          <span class="brand">SLA monitor</span>
          <nav aria-label="Pages">
            <ul>
              <li>
                <a href="/" aria-current={current === "status" ? "page" : undefined}>
                  Status
                </a>
              </li>
              <li>
                <a href="/dashboard" aria-current={current === "dashboard" ? "page" : undefined}>
                  Dashboard
                </a>
              </li>
            </ul>
          </nav>
        </header>
        <main id="content">{children}</main>
      </body>
    </html>
  );
}

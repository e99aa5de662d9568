/**
 * The status page's progressive enhancement, served as `/assets/status.js` (a file, not inline, so the
 * pages can forbid inline script in their Content-Security-Policy). Without it the page still works: it is
 * complete as served and has a refresh link. With it:
 * - countdowns tick every second, against the server's clock (`data-now`), not the browser's;
 * - every 15 s, and when the tab becomes visible again, the page is fetched and only `#live` is swapped,
 *   so nothing flickers and the filter form keeps its state;
 * - the filter selects apply on change.
 * The fetched HTML was escaped by the server and is parsed inertly with DOMParser (scripts never run).
 */
export const STATUS_SCRIPT = `(() => {
  "use strict";
  const REFRESH_MS = 15000;
  let offset = 0;
  const live = () => document.getElementById("live");
  const pad = (n) => String(n).padStart(2, "0");
  const countdown = (ms) => {
    const total = Math.floor(Math.abs(ms) / 1000);
    const days = Math.floor(total / 86400);
    const hours = Math.floor((total % 86400) / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = total % 60;
    if (days > 0) return days + "d " + pad(hours) + "h";
    if (hours > 0) return hours + "h " + pad(minutes) + "m " + pad(seconds) + "s";
    if (minutes > 0) return minutes + "m " + pad(seconds) + "s";
    return seconds + "s";
  };
  const sync = () => {
    const now = Date.parse((live() || {}).dataset?.now || "");
    if (Number.isFinite(now)) offset = now - Date.now();
  };
  const tick = () => {
    const now = Date.now() + offset;
    for (const el of document.querySelectorAll("[data-due]")) {
      const left = Date.parse(el.dataset.due) - now;
      if (!Number.isFinite(left)) continue;
      el.textContent = left < 0 ? "overdue " + countdown(left) : countdown(left) + " left";
      el.classList.toggle("overdue", left < 0);
    }
  };
  let busy = false;
  const refresh = async () => {
    const current = live();
    // Never swap the list under a keyboard user's focus, nor work for a hidden tab.
    if (!current || busy || document.hidden || current.contains(document.activeElement)) return;
    busy = true;
    try {
      const response = await fetch(location.href, { headers: { accept: "text/html" }, cache: "no-store" });
      if (!response.ok) return;
      const next = new DOMParser().parseFromString(await response.text(), "text/html").getElementById("live");
      if (next) {
        current.replaceWith(document.importNode(next, true));
        sync();
        tick();
      }
    } catch {
      // Offline for a moment: keep what is shown and try again at the next interval.
    } finally {
      busy = false;
    }
  };
  for (const select of document.querySelectorAll("form[data-autosubmit] select")) {
    select.addEventListener("change", () => select.form && select.form.requestSubmit());
  }
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) refresh();
  });
  sync();
  tick();
  setInterval(tick, 1000);
  setInterval(refresh, REFRESH_MS);
})();
`;

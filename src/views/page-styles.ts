/**
 * The pages' stylesheet, served as `/assets/app.css` (no CDN: the pages must work offline). Colours are
 * chosen for at least 4.5:1 contrast on their backgrounds; state is never shown by colour alone (every
 * badge has a word). Below 700 px the tables of conversations (`table.stack`) turn into one card per row.
 */
export const PAGE_CSS = `
:root { --fg: #1a1a1a; --muted: #4a4a4a; --bg: #fff; --line: #d0d0d0; --panel: #f5f6f8;
  --red: #b00020; --red-bg: #fde7ea; --amber: #7a4300; --amber-bg: #fff1d6; --green: #1b6e2d;
  --green-bg: #e3f4e6; --blue: #0b57d0; --focus: #0b57d0; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
  background: var(--bg); }
a { color: var(--blue); }
a:focus-visible, button:focus-visible, select:focus-visible, summary:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; }
.sr-only, .skip { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
.skip:focus { width: auto; height: auto; clip: auto; left: 8px; top: 8px; background: #fff; padding: 6px 10px; z-index: 10; }
header.site { background: #16213a; color: #fff; padding: 0 16px; display: flex; align-items: center;
  gap: 20px; flex-wrap: wrap; }
header.site .brand { font-weight: 700; padding: 12px 0; }
header.site nav ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 4px; }
header.site nav a { color: #fff; text-decoration: none; display: block; padding: 12px 10px;
  border-bottom: 3px solid transparent; }
header.site nav a[aria-current="page"] { border-bottom-color: #8ab4f8; font-weight: 600; }
header.site nav a:focus-visible { outline-color: #8ab4f8; }
main { max-width: 1200px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.5rem; margin: 8px 0 4px; }
h2 { font-size: 1.15rem; margin: 24px 0 8px; }
.meta { color: var(--muted); margin: 0 0 12px; }
.banner { border-radius: 6px; padding: 12px 16px; margin: 12px 0; font-weight: 600; }
.banner.failed { background: var(--red); color: #fff; font-size: 1.05rem; }
.banner.failed a { color: #fff; }
.banner.failed a:focus-visible { outline-color: #fff; }
.banner.info { background: var(--panel); color: var(--muted); font-weight: 400; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 10px; margin: 12px 0;
  padding: 0; list-style: none; }
.card { background: var(--panel); border-radius: 8px; padding: 10px 14px; border-left: 5px solid var(--line); }
.card .value { font-size: 1.7rem; font-weight: 700; display: block; }
.card .label { color: var(--muted); }
.card .detail { color: var(--muted); font-size: 0.85rem; display: block; }
.card.bad { border-left-color: var(--red); } .card.bad .value { color: var(--red); }
.card.warn { border-left-color: #c77700; } .card.warn .value { color: var(--amber); }
.card.good { border-left-color: var(--green); } .card.good .value { color: var(--green); }
form.filters { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: end; background: var(--panel);
  padding: 10px 14px; border-radius: 8px; }
form.filters label { display: flex; flex-direction: column; font-size: 0.85rem; color: var(--muted); gap: 2px; }
select, button { font: inherit; padding: 6px 8px; min-height: 36px; border: 1px solid #767676; border-radius: 4px;
  background: #fff; color: var(--fg); }
button { background: var(--blue); color: #fff; border-color: var(--blue); cursor: pointer; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 0.85rem; color: var(--muted); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.excerpt { max-width: 34ch; overflow-wrap: anywhere; }
.nowrap { white-space: nowrap; }
.countdown { font-variant-numeric: tabular-nums; white-space: nowrap; font-weight: 600; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 0.8rem; font-weight: 600;
  white-space: nowrap; }
.badge.breaching, .badge.answered_late, .badge.failed, .badge.missed { background: var(--red-bg); color: var(--red); }
.badge.at_risk, .badge.holiday { background: var(--amber-bg); color: var(--amber); }
.badge.open, .badge.resolved, .badge.running, .badge.stopped, .badge.waiting_on_customer, .badge.closed {
  background: var(--panel); color: var(--muted); }
.badge.answered, .badge.met, .badge.counted, .badge.on_track { background: var(--green-bg); color: var(--green); }
.muted { color: var(--muted); }
.countdown.overdue, tr.breaching .countdown { color: var(--red); } tr.at_risk .countdown { color: var(--amber); }
.empty { color: var(--muted); padding: 12px 0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 12px 0; }
.facts dt { color: var(--muted); } .facts dd { margin: 0; }
ol.messages { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 10px; }
ol.messages li { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; max-width: 760px; }
ol.messages li.outbound { background: #eef3fd; margin-left: auto; }
ol.messages .who { font-size: 0.85rem; color: var(--muted); margin-bottom: 4px; }
ol.messages .text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
.range { display: flex; gap: 6px; flex-wrap: wrap; margin: 8px 0 4px; padding: 0; list-style: none; }
.range a { display: block; padding: 6px 12px; border: 1px solid var(--line); border-radius: 999px;
  text-decoration: none; }
.range a[aria-current="page"] { background: var(--blue); color: #fff; border-color: var(--blue); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 16px; }
figure { margin: 0; background: var(--panel); border-radius: 8px; padding: 12px; }
figcaption { font-weight: 600; margin-bottom: 6px; }
figure > svg { width: 100%; height: auto; display: block; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 0.85rem; color: var(--muted); margin: 6px 0 0;
  padding: 0; list-style: none; }
.legend li { display: flex; align-items: center; gap: 6px; }
.legend .mark { width: 26px; height: 12px; flex: none; }
details { margin-top: 8px; }
figure.wide { margin-top: 16px; }
figure.wide > svg { max-width: 760px; }
th .detail, td .detail { display: block; font-weight: 400; font-size: 0.8rem; color: var(--muted); white-space: normal; }
svg.sparkline { width: 160px; height: 48px; display: block; }
progress { width: 90px; height: 12px; vertical-align: middle; accent-color: var(--blue); }
#heat-table td, #heat-table th { padding: 2px 6px; }
details.clock { border: 1px solid var(--line); border-radius: 8px; padding: 6px 14px; margin: 10px 0; }
details.clock summary { cursor: pointer; font-weight: 600; padding: 4px 0; }
details.clock:has(:target) { border-color: var(--blue); }
@media (max-width: 700px) {
  main { padding: 10px; }
  table.stack thead { position: absolute; left: -9999px; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
  table.stack tr { border: 1px solid var(--line); border-radius: 8px; margin-bottom: 10px; padding: 6px 10px; }
  table.stack tr.breaching { border-left: 5px solid var(--red); }
  table.stack tr.at_risk { border-left: 5px solid #c77700; }
  table.stack tr.missed { border-left: 5px solid var(--red); }
  table.stack td { border: 0; padding: 2px 0; display: flex; gap: 8px; text-align: left; }
  table.stack td::before { content: attr(data-label); color: var(--muted); flex: 0 0 8.5em; font-size: 0.85rem; }
  table.stack th[scope="row"] { display: block; border: 0; padding: 4px 0; font-size: 1rem; color: var(--fg); }
  table.stack td.num { font-variant-numeric: tabular-nums; }
  .excerpt { max-width: none; }
  /* The charts scale down with the screen; larger type in viewBox units keeps their labels readable. */
  figure > svg text { font-size: 15px; }
  .charts { grid-template-columns: 1fr; }
}
`;

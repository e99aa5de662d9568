import type { Config } from "../config.js";
import { formatDuration } from "../domain/duration.js";
import type { MetricSet } from "../domain/metrics.js";
import { percent } from "./format.js";

interface Headline {
  key: string;
  label: string;
  value: string;
  /** null: nothing to measure yet, so neither met nor missed. */
  met: boolean | null;
  detail: string;
}

const verdict = (met: boolean | null) => (met === null ? "no data" : met ? "met" : "missed");
const atLeast = (value: number | null, goal: number) => (value === null ? null : value >= goal);
const atMost = (value: number | null, target: number) => (value === null ? null : value <= target);

/** The headline numbers of a range against the goals; the verdict is written out, not only coloured. */
export function HeadlineCards({ total, config }: { total: MetricSet; config: Config }) {
  const { goals, targetMs } = config;
  const target = formatDuration(targetMs);
  const items: Headline[] = [
    {
      key: "response_rate",
      label: "response rate",
      value: percent(total.responseRate),
      met: atLeast(total.responseRate, goals.responseRate),
      detail: `goal ${percent(goals.responseRate)}`,
    },
    {
      key: "attainment",
      label: "SLA attainment",
      value: percent(total.attainment),
      met: atLeast(total.attainment, goals.attainment),
      detail: `goal ${percent(goals.attainment)} within ${target}`,
    },
    {
      key: "fcr",
      label: "first-contact resolution",
      value: percent(total.fcrRate),
      met: atLeast(total.fcrRate, goals.fcr),
      detail: `goal ${percent(goals.fcr)}`,
    },
    {
      key: "ttfr_p50",
      label: "TTFR p50",
      value: total.ttfrP50Ms === null ? "–" : formatDuration(total.ttfrP50Ms),
      met: atMost(total.ttfrP50Ms, targetMs),
      detail: `target ${target}`,
    },
    {
      key: "ttfr_p90",
      label: "TTFR p90",
      value: total.ttfrP90Ms === null ? "–" : formatDuration(total.ttfrP90Ms),
      met: atMost(total.ttfrP90Ms, targetMs),
      detail: `target ${target}`,
    },
  ];
  return (
    <ul class="cards" aria-label="Headline numbers against the goals">
      <li class="card" data-headline="conversations">
        <span class="value">{total.conversations}</span>
        <span class="label">conversations</span>
        <span class="detail">{`${total.responded} responded, ${total.due} due`}</span>
      </li>
      {items.map((item) => (
        <li class={item.met === null ? "card" : item.met ? "card good" : "card bad"} data-headline={item.key}>
          <span class="value">{item.value}</span>
          <span class="label">{item.label}</span>
          <span class="detail">{`${item.detail} · ${verdict(item.met)}`}</span>
        </li>
      ))}
    </ul>
  );
}

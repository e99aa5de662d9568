/**
 * The demo's settings when no config file is given: what a support lead would write in `sla.yaml`, so the
 * demo shows policies, goals and account tags at work. Goals run from three weeks before `now` to four
 * weeks after it: with the demo's five weeks of history they have a baseline, a trend and a projection.
 */
import { type FileSettings, parseConfigSettings } from "../config/file-schema.js";
import { DAY } from "./time.js";

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The built-in demo settings, validated like a config file. */
export function demoSettings(now: number): FileSettings {
  const start = day(now - 21 * DAY);
  const deadline = day(now + 28 * DAY);
  const text = `
policies:
  - name: urgent
    match: { priorities: [urgent] }
    targets: { first_response: 30m, next_response: 1h, resolution: 8h }
  - name: standard
    targets: { first_response: 2h, next_response: 4h }
account_tags:
  AcmeHelp: [retail]
  NimbusCare: [telecom]
  ParcelPalSupport: [logistics, retail]
  BrightBankHelp: [finance]
goals:
  - { name: answer-everyone, metric: response_rate, threshold: 0.95, start: ${start}, deadline: ${deadline} }
  - name: logistics-on-time
    metric: attainment
    target: first_response
    threshold: 0.9
    scope: { tag: logistics }
    start: ${start}
    deadline: ${deadline}
  - { name: fast-p90, metric: ttfr_p90, threshold: 2h, start: ${start}, deadline: ${deadline} }
`;
  return parseConfigSettings(text, "built-in demo settings");
}

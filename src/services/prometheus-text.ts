/** Label names to values of one sample. */
export type Labels = Readonly<Record<string, string>>;

/** One sample line: `name{labels} value`; `suffix` names a histogram's `_bucket`, `_sum` or `_count`. */
export interface Sample {
  suffix?: "_bucket" | "_sum" | "_count";
  labels?: Labels;
  value: number;
}

/** A metric family: its HELP and TYPE lines and its samples (possibly none). */
export interface MetricFamily {
  name: string;
  type: "counter" | "gauge" | "histogram";
  help: string;
  samples: Sample[];
}

/** The content type of the text exposition format these functions write. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/** Escapes a label value: backslash, double quote and line feed are the characters the format reserves. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** Escapes HELP text: only backslash and line feed (a quote is literal there). */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

/** A sample value as the format writes it: `+Inf`, `-Inf`, `NaN` or a Go-parsable float. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
}

function labelText(labels: Labels | undefined): string {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return "";
  return `{${entries.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(",")}}`;
}

/** Renders families in the text exposition format 0.0.4, each with its HELP and TYPE lines. */
export function renderFamilies(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      lines.push(
        `${family.name}${sample.suffix ?? ""}${labelText(sample.labels)} ${formatValue(sample.value)}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The samples of one histogram series: cumulative `_bucket` lines (`le` upper bounds, ending in `+Inf`),
 * `_sum` and `_count`. `perBucket[i]` counts the observations in bucket i alone (the last one is `+Inf`).
 */
export function histogramSamples(
  labels: Labels,
  bounds: readonly number[],
  perBucket: readonly number[],
  sum: number,
): Sample[] {
  const samples: Sample[] = [];
  let cumulative = 0;
  [...bounds, Number.POSITIVE_INFINITY].forEach((bound, i) => {
    cumulative += perBucket[i] ?? 0;
    samples.push({ suffix: "_bucket", labels: { ...labels, le: formatValue(bound) }, value: cumulative });
  });
  samples.push({ suffix: "_sum", labels, value: sum }, { suffix: "_count", labels, value: cumulative });
  return samples;
}

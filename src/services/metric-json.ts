import type { MetricSet } from "../domain/metrics.js";

/** The metric set in the API's snake_case form (the `report --json` row without its key). */
export function metricJson(metrics: MetricSet) {
  return {
    conversations: metrics.conversations,
    responded: metrics.responded,
    due: metrics.due,
    within_target: metrics.withinTarget,
    resolved: metrics.resolved,
    fcr_resolved: metrics.fcrResolved,
    response_rate: metrics.responseRate,
    attainment: metrics.attainment,
    fcr_rate: metrics.fcrRate,
    ttfr_p50_ms: metrics.ttfrP50Ms,
    ttfr_p90_ms: metrics.ttfrP90Ms,
    ttfr_p95_ms: metrics.ttfrP95Ms,
    ttfr_business_p50_ms: metrics.ttfrBusinessP50Ms,
    ttfr_business_p90_ms: metrics.ttfrBusinessP90Ms,
    ttfr_business_p95_ms: metrics.ttfrBusinessP95Ms,
    targets: {
      first_response: { due: metrics.due, within: metrics.withinTarget, attainment: metrics.attainment },
      next_response: metrics.nextResponse,
      resolution: metrics.resolution,
    },
  };
}

export type MetricJson = ReturnType<typeof metricJson>;

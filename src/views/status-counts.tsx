/** The numbers at the top of the status page. */
export interface CountsProps {
  open: number;
  breaching: number;
  atRisk: number;
  answeredToday: number;
}

/** Open, breaching, at risk and answered today, each as a card; the alarming ones are coloured and worded. */
export function StatusCounts({ open, breaching, atRisk, answeredToday }: CountsProps) {
  return (
    <ul class="cards" aria-label="Queue counts">
      <li class="card" data-count="open">
        <span class="value">{open}</span>
        <span class="label">open</span>
      </li>
      <li class={breaching > 0 ? "card bad" : "card"} data-count="breaching">
        <span class="value">{breaching}</span>
        <span class="label">breaching</span>
      </li>
      <li class={atRisk > 0 ? "card warn" : "card"} data-count="at_risk">
        <span class="value">{atRisk}</span>
        <span class="label">at risk</span>
      </li>
      <li class="card good" data-count="answered_today">
        <span class="value">{answeredToday}</span>
        <span class="label">answered today</span>
        <span class="detail">first responses since 00:00 UTC</span>
      </li>
    </ul>
  );
}

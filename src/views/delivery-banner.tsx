import { shortTime } from "./format.js";
import type { DeliveryState } from "./status-types.js";

const TRANSPORTS = { smtp: "email", http: "mail API", webhook: "webhook", outbox: "outbox folder" } as const;

/**
 * How alerts reach the leads. Failed deliveries are loud (a red `role="alert"` banner with the count and a
 * link to the failed list): a lead who believes alerts arrive while they do not is the worst failure here.
 */
export function DeliveryBanner({ state }: { state: DeliveryState }) {
  const plural = state.failed === 1 ? "delivery" : "deliveries";
  return (
    <>
      {state.failed > 0 ? (
        <div class="banner failed" role="alert" id="failed-deliveries">
          {`${state.failed} alert ${plural} failed for good: leads were not told. `}
          <a href="/v1/alerts?status=failed">See the failed alerts</a>
        </div>
      ) : null}
      {state.lastError ? (
        <div class="banner failed" role="alert">
          {`The last alert cycle failed: ${state.lastError}`}
        </div>
      ) : null}
      <p class="banner info" id="delivery">
        {`Alerts by ${TRANSPORTS[state.kind]} (${state.description}): `}
        {`${state.pending} pending, ${state.sent} sent, ${state.failed} failed. `}
        {state.lastCycleAt === null
          ? "No alert cycle yet."
          : `Last cycle ${shortTime(state.lastCycleAt)} UTC.`}
      </p>
    </>
  );
}

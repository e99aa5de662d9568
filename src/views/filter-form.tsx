import type { QueueFilters } from "./status-types.js";

/** The current filters and the values to offer. */
export interface FilterFormProps {
  filters: QueueFilters;
  accounts: readonly string[];
  sources: readonly string[];
}

function Choice({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value?: string;
  options: readonly string[];
}) {
  // A filtered value that no longer occurs is kept as an option, so the form shows what the URL says.
  const all = value && !options.includes(value) ? [value, ...options] : options;
  return (
    <label>
      {label}
      <select name={name}>
        <option value="">All</option>
        {all.map((option) => (
          <option value={option} selected={option === value}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A GET form, so filters live in the URL (bookmarkable, shareable, working without script). */
export function FilterForm({ filters, accounts, sources }: FilterFormProps) {
  return (
    <form class="filters" method="get" action="/" data-autosubmit aria-label="Filter the queue">
      <Choice label="Account" name="account" value={filters.account} options={accounts} />
      <Choice label="Source" name="source" value={filters.source} options={sources} />
      <button type="submit">Filter</button>
      {filters.account || filters.source ? <a href="/">Clear filters</a> : null}
    </form>
  );
}

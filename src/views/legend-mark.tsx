/** How the series looks in its chart: colour, point marker, dashed or solid. */
export interface LegendMarkProps {
  colour: string;
  marker?: "circle" | "square" | "bar";
  dashed?: boolean;
}

/** A small decorative sample of a chart series for a legend (hidden from screen readers: the text says it). */
export function LegendMark({ colour, marker, dashed }: LegendMarkProps) {
  return (
    <svg width="26" height="12" viewBox="0 0 26 12" aria-hidden="true" focusable="false" class="mark">
      {marker === "bar" ? (
        <rect x="6" y="1" width="14" height="10" fill={colour} />
      ) : (
        <line
          x1="1"
          x2="25"
          y1="6"
          y2="6"
          stroke={colour}
          stroke-width="2.5"
          stroke-dasharray={dashed ? "3 3" : undefined}
        />
      )}
      {marker === "circle" ? <circle cx="13" cy="6" r="4" fill={colour} /> : null}
      {marker === "square" ? <rect x="9.5" y="2.5" width="7" height="7" fill={colour} /> : null}
    </svg>
  );
}

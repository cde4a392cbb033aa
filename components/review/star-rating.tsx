/** A score as text, one decimal: 4.25 -> "4.3". */
export function formatScore(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1);
}

/**
 * A 1-5 score as five stars filled in proportion, with the number beside them.
 * The stars are decoration; assistive technology reads "4.2 out of 5".
 */
export function StarRating({
  value,
  size = "md",
  showNumber = true,
  precise = false,
}: {
  value: number;
  size?: "sm" | "md" | "lg";
  /** Show the number beside the stars (it is always in the accessible text). */
  showNumber?: boolean;
  /** Always one decimal ("4.0"): for averages, where "4" would read as a single rating. */
  precise?: boolean;
}) {
  const clamped = Math.min(5, Math.max(0, value));
  const text = precise || !Number.isInteger(value) ? formatScore(value) : String(value);
  const sizeClass = size === "lg" ? "text-2xl" : size === "sm" ? "text-sm" : "text-base";
  return (
    <span className="inline-flex items-baseline gap-1.5 whitespace-nowrap">
      <span aria-hidden="true" className={`relative inline-block leading-none tracking-tight ${sizeClass}`}>
        <span className="text-line">★★★★★</span>
        <span className="absolute inset-y-0 left-0 overflow-hidden text-brand" style={{ width: `${(clamped / 5) * 100}%` }}>
          ★★★★★
        </span>
      </span>
      {showNumber ? (
        <span aria-hidden="true" className="font-semibold tabular-nums">
          {text}
        </span>
      ) : null}
      <span className="sr-only">{text} out of 5</span>
    </span>
  );
}

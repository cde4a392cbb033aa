// Durations for progress lines: tenths of a second under a minute (where a
// phase's speed is judged), whole seconds under an hour, whole minutes beyond.
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "?";
  const tenths = Math.round(Math.max(0, ms) / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`;
  // Rounded once per branch so that 59.96 s reads "1 min 00 s", not "60.0 s".
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${twoDigits(seconds % 60)} s`;
  const minutes = Math.round(ms / 60_000);
  return `${Math.floor(minutes / 60)} h ${twoDigits(minutes % 60)} min`;
}

function twoDigits(n: number): string {
  return String(n).padStart(2, "0");
}

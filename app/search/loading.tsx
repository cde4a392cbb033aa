// Only the search page streams a loading state: every other page may answer
// 404, and a fallback sent first would fix the status at 200.
export default function SearchLoading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <p className="sr-only">Searching…</p>
      <div className="mb-6 h-8 w-64 animate-pulse rounded bg-panel" />
      <ul className="space-y-4" aria-hidden="true">
        {Array.from({ length: 6 }, (_, i) => (
          <li key={i} className="space-y-2">
            <div className="h-5 w-40 animate-pulse rounded bg-panel" />
            <div className="h-4 w-full max-w-xl animate-pulse rounded bg-panel" />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The confirmation a moderation action left in the URL, announced politely to screen readers. */
export function DoneNotice({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="status" className="mb-6 rounded border border-ok/40 bg-ok-soft px-3 py-2 text-sm text-ok">
      {message}
    </p>
  );
}

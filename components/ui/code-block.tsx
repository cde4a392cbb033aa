/**
 * Preformatted code that may scroll sideways on a phone. Focusable so keyboard
 * users can scroll it too (WCAG 2.1.1), and labelled so the stop is announced.
 */
export function CodeBlock({ label, children }: { label: string; children: string }) {
  return (
    <pre
      tabIndex={0}
      role="region"
      aria-label={label}
      className="overflow-x-auto rounded border border-line bg-panel px-3 py-2 text-sm"
    >
      <code>{children}</code>
    </pre>
  );
}

import type { ReactNode, Ref } from "react";

/** A labelled one-line or multi-line text field with its help and its error tied by aria-describedby. */
export function TextField({
  id,
  label,
  help,
  error,
  defaultValue,
  multiline = false,
  required = false,
  maxLength,
  pattern,
  rows = 3,
  mono = false,
}: {
  id: string;
  label: ReactNode;
  help?: ReactNode;
  error?: string;
  defaultValue: string;
  multiline?: boolean;
  required?: boolean;
  maxLength?: number;
  pattern?: string;
  rows?: number;
  mono?: boolean;
}) {
  const helpId = help ? `${id}-help` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [helpId, errorId].filter(Boolean).join(" ") || undefined;
  const className = `mt-1 w-full rounded border border-line bg-page px-3 text-sm text-ink ${mono ? "font-mono" : ""}`;
  return (
    <div id={`field-${id}`}>
      <label htmlFor={id} className="block font-medium">
        {label}
        {required ? null : <span className="font-normal text-subtle"> (optional)</span>}
      </label>
      {help ? (
        <p id={helpId!} className="text-sm text-subtle">
          {help}
        </p>
      ) : null}
      {multiline ? (
        <textarea
          id={id}
          name={id}
          rows={rows}
          required={required}
          maxLength={maxLength}
          defaultValue={defaultValue}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={`${className} py-2`}
        />
      ) : (
        <input
          id={id}
          name={id}
          type="text"
          required={required}
          maxLength={maxLength}
          pattern={pattern}
          defaultValue={defaultValue}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={`${className} h-9`}
        />
      )}
      {error ? (
        <p id={errorId!} className="mt-1 text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The summary above a refused form: the message, and links to each field's message. */
export function FormErrorSummary({
  message,
  fields,
  labels,
  focusRef,
}: {
  message: string | null;
  fields: Record<string, string>;
  labels: Record<string, string>;
  focusRef?: Ref<HTMLDivElement>;
}) {
  const entries = Object.entries(fields);
  return (
    <div ref={focusRef} tabIndex={-1} role="alert" className="rounded border border-danger/40 bg-danger-soft px-4 py-3 text-danger">
      <p className="font-semibold">{message ?? "Nothing was saved: see the messages below."}</p>
      {entries.length > 0 ? (
        <ul className="mt-1 list-disc pl-5 text-sm">
          {entries.map(([field, text]) => (
            <li key={field}>
              <a href={`#field-${field}`} className="text-danger">
                {labels[field] ?? field}: {text}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

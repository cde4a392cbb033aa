"use client";

import { useEffect, useMemo, useRef, useState, type MouseEvent } from "react";
import type { ParsedFilterList } from "@/lib/curation/filter-list-types";
import { parseFilterList } from "@/lib/curation/parse-filter-list";

/** How long typing must pause before the list is parsed again. */
const PARSE_DELAY_MS = 150;
/** Errors listed under the text; the summary still counts them all. */
const MAX_ERRORS_SHOWN = 100;

function countLines(text: string): number {
  let lines = 1;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) lines++;
  return lines;
}

/** Start and end offsets of a 1-based line in `text` (the end of the text when past the last line). */
function lineRange(text: string, line: number): [number, number] {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf("\n", start);
    if (next < 0) return [text.length, text.length];
    start = next + 1;
  }
  const end = text.indexOf("\n", start);
  return [start, end < 0 ? text.length : end];
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/**
 * A filter list's text: a textarea with a line-number gutter, checked as it
 * is typed by the same parser the server runs (it is pure, so it runs here
 * too). Each error is a link that puts the caret on its line. The server
 * renders it with the errors of the text it was given, so without JavaScript
 * a refused submission still shows them by line.
 */
export function RulesTextarea({
  id,
  name,
  label,
  help,
  defaultValue,
  rows = 18,
  invalid = false,
  errorId,
}: {
  id: string;
  name: string;
  label: string;
  help: string;
  defaultValue: string;
  rows?: number;
  /** The server refused the text (marks the field invalid even while the live check finds nothing). */
  invalid?: boolean;
  /** The id of a server message about this field, added to aria-describedby. */
  errorId?: string;
}) {
  const [text, setText] = useState(defaultValue);
  const [parsed, setParsed] = useState<ParsedFilterList>(() => parseFilterList(defaultValue));
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const gutterRef = useRef<HTMLPreElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => setParsed(parseFilterList(text)), PARSE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const lineCount = countLines(text);
  // One text node, not an element per line: a list may have thousands of lines.
  const gutter = useMemo(
    () => Array.from({ length: Math.max(lineCount, rows) }, (_, i) => String(i + 1)).join("\n"),
    [lineCount, rows],
  );

  function goToLine(event: MouseEvent<HTMLAnchorElement>, line: number) {
    const textarea = textareaRef.current;
    if (!textarea) return;
    event.preventDefault();
    const [start, end] = lineRange(textarea.value, line);
    textarea.focus();
    textarea.setSelectionRange(start, end);
    const lineHeight = Number.parseFloat(getComputedStyle(textarea).lineHeight) || 24;
    textarea.scrollTop = Math.max(0, (line - 1) * lineHeight - textarea.clientHeight / 3);
    if (gutterRef.current) gutterRef.current.scrollTop = textarea.scrollTop;
  }

  const errors = parsed.errors;
  const summaryId = `${id}-summary`;
  const errorsId = `${id}-errors`;
  const helpId = `${id}-help`;
  const describedBy = [helpId, summaryId, errors.length > 0 ? errorsId : null, errorId ?? null].filter(Boolean).join(" ");

  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <p id={helpId} className="text-sm text-subtle">
        {help}
      </p>
      <div className="mt-1 flex overflow-hidden rounded border border-line bg-page focus-within:outline-3 focus-within:outline-offset-2 focus-within:outline-focus">
        <pre
          ref={gutterRef}
          aria-hidden="true"
          className="m-0 shrink-0 overflow-hidden border-r border-line bg-panel px-2 py-2 text-right font-mono text-sm leading-6 text-subtle select-none"
          style={{ height: `calc(${rows} * 1.5rem + 1rem)` }}
        >
          {gutter}
        </pre>
        <textarea
          ref={textareaRef}
          id={id}
          name={name}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onScroll={(event) => {
            if (gutterRef.current) gutterRef.current.scrollTop = event.currentTarget.scrollTop;
          }}
          rows={rows}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-invalid={errors.length > 0 || invalid ? true : undefined}
          aria-describedby={describedBy}
          className="min-w-0 flex-1 resize-y bg-page px-3 py-2 font-mono text-sm leading-6 text-ink focus:outline-none"
          style={{ height: `calc(${rows} * 1.5rem + 1rem)` }}
        />
      </div>
      <p id={summaryId} aria-live="polite" className={`mt-2 text-sm font-medium ${errors.length > 0 ? "text-danger" : "text-subtle"}`}>
        {plural(parsed.rules.length, "rule", "rules")}
        {parsed.includes.length > 0 ? `, ${plural(parsed.includes.length, "include", "includes")}` : ""},{" "}
        {plural(errors.length, "error", "errors")}
      </p>
      {errors.length > 0 ? (
        <ul id={errorsId} aria-label="Errors by line" className="mt-1 space-y-0.5 text-sm">
          {errors.slice(0, MAX_ERRORS_SHOWN).map((error, index) => (
            <li key={`${error.line}-${index}`}>
              <a href={`#${id}`} onClick={(event) => goToLine(event, error.line)} className="text-danger">
                Line {error.line}: {error.message}
              </a>
            </li>
          ))}
          {errors.length > MAX_ERRORS_SHOWN ? (
            <li className="text-subtle">…and {plural(errors.length - MAX_ERRORS_SHOWN, "more error", "more errors")}.</li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}

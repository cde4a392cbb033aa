"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { routes } from "@/lib/routes";
import { HighlightedText } from "./highlighted-text";
import { SUGGEST_DEBOUNCE_MS } from "./suggest-debounce";

// The search box's input with suggestions as you type (the ARIA 1.2 combobox
// pattern with a listbox popup). It stays the `q` field of a plain GET form:
// without JavaScript, or when nothing is chosen, Enter submits the form.

const SUGGESTIONS = 8;
const DESCRIPTION_CHARS = 100;

interface Suggestion {
  name: string;
  version: string | null;
  description: string | null;
}

interface Suggestions {
  /** The text these suggestions answer. */
  query: string;
  status: "idle" | "loading" | "done" | "error";
  items: Suggestion[];
  /** Why there are none, when the site said (a 429's message). */
  error?: string;
}

const idle: Suggestions = { query: "", status: "idle", items: [] };

function toSuggestions(body: unknown): Suggestion[] {
  const results = (body as { results?: unknown })?.results;
  if (!Array.isArray(results)) throw new Error("unexpected search answer");
  return results.map((r: Record<string, unknown>) => ({
    name: String(r.name),
    version: typeof r.default_version === "string" ? r.default_version : typeof r.max_version === "string" ? r.max_version : null,
    description: typeof r.description === "string" ? r.description : null,
  }));
}

function truncate(text: string): string {
  return text.length > DESCRIPTION_CHARS ? `${text.slice(0, DESCRIPTION_CHARS).trimEnd()}…` : text;
}

export function InstantSearch({
  id,
  defaultValue,
  className,
  maxLength,
  placeholder,
  view,
}: {
  id: string;
  defaultValue: string;
  className: string;
  maxLength: number;
  placeholder: string;
  /** The curated view's slug, when it is not the default: suggestions follow the same view as the results. */
  view?: string;
}) {
  const router = useRouter();
  const [value, setValue] = useState(defaultValue);
  const [suggestions, setSuggestions] = useState<Suggestions>(idle);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<AbortController | null>(null);

  const listId = `${id}-suggestions`;
  const optionId = (index: number) => `${id}-suggestion-${index}`;
  const items = suggestions.items;
  const expanded = open && value.trim() !== "" && suggestions.status !== "idle";

  function cancel() {
    clearTimeout(timer.current);
    inFlight.current?.abort();
    inFlight.current = null;
  }

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      inFlight.current?.abort();
    },
    [],
  );

  function suggest(text: string) {
    cancel();
    const q = text.trim();
    setActive(-1);
    if (!q) {
      setSuggestions(idle);
      setOpen(false);
      return;
    }
    // The previous suggestions stay on screen, marked as loading, until the new ones arrive.
    setSuggestions((current) => ({ ...current, status: "loading" }));
    setOpen(true);
    timer.current = setTimeout(async () => {
      const controller = new AbortController();
      inFlight.current = controller;
      try {
        const params = new URLSearchParams({ q, per_page: String(SUGGESTIONS) });
        if (view) params.set("view", view);
        const response = await fetch(`/api/v1/search?${params}`, {
          signal: controller.signal,
          headers: { accept: "application/json" },
        });
        if (response.status === 429) {
          // Too many searches from this network: say so and for how long, instead of a generic failure.
          const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
          if (controller.signal.aborted) return;
          const error = typeof body?.error === "string" ? body.error : "Too many searches; wait a minute.";
          setSuggestions({ query: q, status: "error", items: [], error });
          return;
        }
        if (!response.ok) throw new Error(`search answered ${response.status}`);
        const found = toSuggestions(await response.json());
        // A newer keystroke aborted this request: its answer must not replace the newer one's.
        if (controller.signal.aborted) return;
        setSuggestions({ query: q, status: "done", items: found });
        setActive(-1);
      } catch (error) {
        if (controller.signal.aborted) return;
        console.warn("search suggestions failed", error);
        setSuggestions({ query: q, status: "error", items: [] });
      } finally {
        if (inFlight.current === controller) inFlight.current = null;
      }
    }, SUGGEST_DEBOUNCE_MS);
  }

  function close() {
    setOpen(false);
    setActive(-1);
  }

  function go(suggestion: Suggestion) {
    cancel();
    close();
    setValue(suggestion.name);
    router.push(routes.crate(suggestion.name));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        if (items.length === 0) return;
        event.preventDefault();
        if (!expanded) {
          setOpen(true);
          setActive(event.key === "ArrowDown" ? 0 : items.length - 1);
          return;
        }
        // Wraps around at either end.
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((current) =>
          current === -1 ? (step === 1 ? 0 : items.length - 1) : (current + step + items.length) % items.length,
        );
        return;
      }
      case "Enter": {
        const chosen = expanded && active >= 0 ? items[active] : undefined;
        if (chosen) {
          event.preventDefault();
          go(chosen);
        } else {
          // The form submits as it would without JavaScript.
          cancel();
          close();
        }
        return;
      }
      case "Escape":
        if (expanded) {
          // Keep the text (a search input clears itself on Escape otherwise).
          event.preventDefault();
          cancel();
          close();
        }
        return;
    }
  }

  const activeItem = expanded && active >= 0 ? items[active] : undefined;
  const message =
    suggestions.status === "loading"
      ? "Searching…"
      : suggestions.status === "error"
        ? (suggestions.error ?? "Suggestions are unavailable; press Enter to search.")
        : suggestions.status === "done" && items.length === 0
          ? `No crates match “${suggestions.query}”`
          : null;

  return (
    <div className="relative min-w-0 flex-1">
      <input
        id={`${id}-q`}
        type="search"
        name="q"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={activeItem ? optionId(active) : undefined}
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          suggest(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (suggestions.status === "done" && suggestions.query === value.trim() && items.length > 0) setOpen(true);
        }}
        onBlur={close}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="search"
        maxLength={maxLength}
        className={`w-full ${className}`}
      />
      <div
        hidden={!expanded}
        className="absolute inset-x-0 top-full z-40 mt-1 overflow-hidden rounded border border-line bg-page text-left shadow-lg"
      >
        <ul
          id={listId}
          role="listbox"
          hidden={items.length === 0}
          aria-label="Suggested crates"
          aria-busy={suggestions.status === "loading"}
          className={suggestions.status === "loading" ? "opacity-60" : undefined}
        >
          {items.map((item, index) => (
            <li
              key={item.name}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              // Keeps the focus in the input, so the click is not lost to a blur that closes the list.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => go(item)}
              className={`cursor-pointer border-b border-line px-3 py-2 last:border-b-0 ${
                index === active ? "bg-brand-soft" : "hover:bg-panel"
              }`}
            >
              <span className="flex items-baseline gap-2">
                <span className="font-semibold break-all text-brand">
                  <HighlightedText text={item.name} query={suggestions.query} />
                </span>
                {item.version ? <span className="font-mono text-xs text-subtle">{item.version}</span> : null}
              </span>
              {item.description ? (
                <span className="block truncate text-sm text-subtle">{truncate(item.description)}</span>
              ) : null}
            </li>
          ))}
        </ul>
        {/* Always in the page (a live region must exist before its text changes to be announced). */}
        <p role="status" className="px-3 text-sm text-subtle">
          {message ? <span className="block py-1.5">{message}</span> : null}
        </p>
      </div>
    </div>
  );
}

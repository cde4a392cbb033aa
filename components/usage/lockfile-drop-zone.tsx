"use client";

import { useRef, useState, useSyncExternalStore, type ChangeEvent, type DragEvent } from "react";
import { MAX_LOCKFILE_BYTES } from "@/lib/usage/lockfile-limits";

type Status = { kind: "chosen" | "refused"; text: string } | null;

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes.toLocaleString("en-US")} ${bytes === 1 ? "byte" : "bytes"}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Why the browser should not send `file`, or null. The server checks again. */
function refusal(file: File): string | null {
  if (!file.name.toLowerCase().endsWith(".lock")) {
    return `“${file.name}” is not a .lock file: choose the Cargo.lock next to your project’s Cargo.toml.`;
  }
  if (file.size > MAX_LOCKFILE_BYTES) {
    return `“${file.name}” is ${formatSize(file.size)}; a Cargo.lock may be at most ${MAX_LOCKFILE_BYTES / 1024 / 1024} MB.`;
  }
  if (file.size === 0) return `“${file.name}” is empty: choose the Cargo.lock of a project.`;
  return null;
}

const noSubscription = () => () => {};

/**
 * True once hydrated (false in the server's HTML), without an effect: until
 * then the input is shown as the plain file input it is without JavaScript.
 */
function useEnhanced(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * The lockfile field of the upload form. The server's HTML is a labelled
 * `<input type="file" name="lockfile">` that submits with the form as is;
 * once hydrated, the label becomes a drop area (the input inside it keeps
 * focus and keyboard use, the area shows the focus ring), a dropped file is
 * put into the input, and a file that is not a .lock or too large is refused
 * here with a message read out by screen readers.
 */
export function LockfileDropZone({ id, describedBy }: { id: string; describedBy?: string }) {
  const enhanced = useEnhanced();
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const statusId = `${id}-status`;

  function accept(file: File | undefined): boolean {
    const input = inputRef.current;
    if (!file || !input) {
      setStatus(null);
      return false;
    }
    const reason = refusal(file);
    if (reason) {
      input.value = "";
      setStatus({ kind: "refused", text: reason });
      return false;
    }
    setStatus({ kind: "chosen", text: `Chosen: ${file.name} (${formatSize(file.size)})` });
    return true;
  }

  function onChange(event: ChangeEvent<HTMLInputElement>) {
    accept(event.currentTarget.files?.[0]);
  }

  function hasFiles(event: DragEvent) {
    return Array.from(event.dataTransfer.types).includes("Files");
  }

  function onDragOver(event: DragEvent<HTMLLabelElement>) {
    if (!hasFiles(event)) return;
    // Without this the browser would open the dropped file in the tab.
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    setDragging(true);
  }

  function onDragLeave(event: DragEvent<HTMLLabelElement>) {
    if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
    setDragging(false);
  }

  function onDrop(event: DragEvent<HTMLLabelElement>) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    setDragging(false);
    const input = inputRef.current;
    const files = event.dataTransfer.files;
    if (!input) return;
    if (files.length !== 1) {
      input.value = "";
      setStatus({ kind: "refused", text: `${files.length} files were dropped: drop one Cargo.lock at a time.` });
      return;
    }
    const file = files[0];
    if (!accept(file) || !file) return;
    try {
      const transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
    } catch {
      // Browsers without a DataTransfer constructor still take the drop's own list.
      try {
        input.files = files;
      } catch {
        input.value = "";
        setStatus({ kind: "refused", text: "This browser cannot take a dropped file: choose it instead." });
      }
    }
  }

  const describedByIds = [describedBy, enhanced ? statusId : null].filter(Boolean).join(" ") || undefined;
  const input = (
    <input
      ref={inputRef}
      id={id}
      name="lockfile"
      type="file"
      accept=".lock,text/plain"
      required
      aria-describedby={describedByIds}
      aria-invalid={status?.kind === "refused" ? true : undefined}
      onChange={onChange}
      className={enhanced ? "sr-only" : "mt-1 block text-sm"}
    />
  );

  // One tree for both states, the input always in the same place, so that a
  // file chosen before hydration stays chosen.
  return (
    <div>
      <label
        htmlFor={id}
        onDragEnter={onDragOver}
        onDragOver={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
        className={
          enhanced
            ? `flex cursor-pointer flex-col items-center gap-1 rounded border-2 border-dashed px-4 py-8 text-center has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-focus ${
                dragging ? "border-brand bg-brand-soft" : "border-line bg-panel hover:border-brand"
              }`
            : "block"
        }
      >
        <span className="font-medium">
          {enhanced ? (
            <>
              Drop your Cargo.lock here, or <span className="text-brand underline underline-offset-3">choose a file</span>
            </>
          ) : (
            "Cargo.lock file"
          )}
        </span>
        {enhanced ? (
          <span className="text-sm text-subtle">A .lock file of at most {MAX_LOCKFILE_BYTES / 1024 / 1024} MB</span>
        ) : null}
        {input}
      </label>
      {enhanced ? (
        <p id={statusId} aria-live="polite" className={`mt-2 text-sm ${status?.kind === "refused" ? "font-medium text-danger" : "text-subtle"}`}>
          {status?.text ?? ""}
        </p>
      ) : null}
    </div>
  );
}

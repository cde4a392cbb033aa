"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

/**
 * Re-renders the page from the server every `seconds` while an ingest runs,
 * so its progress moves without a reload; a button pauses and resumes it
 * (updates a person did not ask for must be theirs to stop). Without
 * JavaScript the page's reload link does the same by hand.
 */
export function AutoRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (paused) return;
    const timer = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(timer);
  }, [paused, router, seconds]);
  return (
    <p className="mt-2 text-sm text-subtle">
      {paused ? "Updates paused." : `This page updates every ${seconds} s while the run goes on.`}{" "}
      <button type="button" onClick={() => setPaused(!paused)} className="rounded border border-line px-2 py-0.5 text-ink hover:bg-panel">
        {paused ? "Resume updates" : "Pause updates"}
      </button>
    </p>
  );
}

"use client";

import Link from "next/link";
import { useEffect } from "react";

// Shown when a page fails on our side (the database is down, a bug). The
// server has logged the cause; the digest lets a report be matched to the log.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;

  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Something went wrong on our side</h1>
      <p className="mt-2">
        This page could not be loaded. It is not something you did: the error was logged. Try again in a moment; if it
        keeps failing, the site may be updating its data.
      </p>
      {digest ? (
        <p className="mt-2 text-sm text-subtle">
          Error reference: <code>{digest}</code>
        </p>
      ) : null}
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <button
          type="button"
          onClick={() => retry()}
          className="h-10 rounded bg-brand px-4 font-semibold text-on-brand hover:bg-brand-strong"
        >
          Try again
        </button>
        <Link href="/">Go to the home page</Link>
      </div>
    </div>
  );
}

import Link from "next/link";
import { routes } from "@/lib/routes";
import { unstable_rethrow } from "next/navigation";
import { connection } from "next/server";
import { getPageView } from "@/lib/curation/get-page-view";
import { getDb } from "@/lib/db";
import { chooseViewAction } from "./choose-view-action";

/**
 * The header's view picker: which curated view lists and search apply. A
 * plain form (works without JavaScript); the choice is remembered in a
 * cookie, and links to results carry it. If the views cannot be read, the
 * header still renders without it.
 */
export async function ViewChooser() {
  // Per visitor (the cookie): never prerendered at build time, when there is no database to read.
  await connection();
  let views: { slug: string; title: string }[];
  let current: string | null;
  try {
    const [all, view] = await Promise.all([
      getDb().view.findMany({ select: { slug: true, title: true }, orderBy: [{ isDefault: "desc" }, { builtIn: "desc" }, { title: "asc" }] }),
      getPageView(null),
    ]);
    views = all;
    current = view?.slug ?? null;
  } catch (error) {
    unstable_rethrow(error);
    console.error("[views] could not list the views for the header:", error);
    return null;
  }
  if (views.length === 0) return null;
  return (
    <form action={chooseViewAction} className="flex items-center gap-1 text-sm" aria-label="Curated view">
      <label htmlFor="view-chooser" className="text-subtle">
        <Link href={routes.views()}>View</Link>
      </label>
      <select id="view-chooser" name="view" defaultValue={current ?? undefined} className="h-8 max-w-40 rounded border border-line bg-page px-1">
        {views.map((v) => (
          <option key={v.slug} value={v.slug}>
            {v.title}
          </option>
        ))}
      </select>
      <button type="submit" className="h-8 rounded border border-line px-2 hover:bg-panel">
        Use
      </button>
    </form>
  );
}

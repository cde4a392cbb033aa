import { routes } from "@/lib/routes";

/** Links to a list's or a view's exports in the public API. */
export function ExportLinks({ kind, slug, label }: { kind: "list" | "view"; slug: string; label: string }) {
  const formats =
    kind === "list"
      ? ([
          ["Text", routes.listExport(slug, "text")],
          ["JSON", routes.listExport(slug, "json")],
          ["cargo-deny", routes.listExport(slug, "cargo-deny")],
        ] as const)
      : ([
          ["JSON", routes.viewExport(slug, "json")],
          ["cargo-deny", routes.viewExport(slug, "cargo-deny")],
        ] as const);
  return (
    <ul aria-label={label} className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
      {formats.map(([name, href]) => (
        <li key={name}>
          {/* Plain links: these are API answers, not pages of the app. */}
          <a href={href}>
            {name}
            <span className="sr-only"> export of {slug}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

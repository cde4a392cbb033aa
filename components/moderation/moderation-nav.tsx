import Link from "next/link";
import { routes } from "@/lib/routes";

/** Links between the two moderation pages; the current one is marked for assistive technology. */
export function ModerationNav({ current }: { current: "queue" | "log" }) {
  const pages = [
    { key: "queue", href: routes.moderation(), label: "Queue" },
    { key: "log", href: routes.moderationLog(), label: "Log" },
  ] as const;
  return (
    <nav aria-label="Moderation" className="mb-6 text-sm">
      <ul className="flex gap-2">
        {pages.map((page) => (
          <li key={page.key}>
            <Link
              href={page.href}
              aria-current={page.key === current ? "page" : undefined}
              className={`rounded border px-3 py-1.5 font-medium no-underline ${
                page.key === current ? "border-brand bg-brand-soft text-brand" : "border-line hover:bg-panel"
              }`}
            >
              {page.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

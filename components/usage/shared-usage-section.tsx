import Link from "next/link";
import { Section } from "@/components/ui/section";
import { formatNumber } from "@/lib/registry/format";
import { routes } from "@/lib/routes";
import type { SharedUsage } from "@/lib/usage/list-shared-usage";

/**
 * What a user uses, on their public page, when they opted in. Their own page
 * says how to opt in (or out); nobody else sees anything when they did not.
 */
export function SharedUsageSection({ name, usage, own }: { name: string; usage: SharedUsage | null; own: boolean }) {
  if (!usage) {
    if (!own) return null;
    return (
      <Section id="uses" title="What you use" className="mt-10">
        <p className="text-sm text-subtle">
          Hidden from others. <Link href={routes.usage()}>Upload a Cargo.lock and choose to show what you use</Link>.
        </p>
      </Section>
    );
  }
  return (
    <Section
      id="uses"
      title={own ? "What you use" : `What ${name} uses`}
      aside={`${formatNumber(usage.crates.length)} crates in ${formatNumber(usage.projects)} ${usage.projects === 1 ? "project" : "projects"}`}
      className="mt-10"
    >
      {usage.crates.length === 0 ? (
        <p className="text-sm text-subtle">No usage reports yet.</p>
      ) : (
        <ul aria-label={own ? "Crates you use" : `Crates ${name} uses`} className="columns-2 gap-6 text-sm sm:columns-3">
          {usage.crates.map((c) => (
            <li key={c.name} className="break-inside-avoid">
              {c.known ? <Link href={routes.crate(c.name)}>{c.name}</Link> : <span>{c.name}</span>}
              {usage.projects > 1 ? <span className="text-subtle"> · {formatNumber(c.projects)}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {own ? (
        <p className="mt-3 text-sm text-subtle">
          Shown to everyone. <Link href={routes.usage()}>Change this</Link>.
        </p>
      ) : null}
    </Section>
  );
}

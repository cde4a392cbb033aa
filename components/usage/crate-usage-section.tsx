import Link from "next/link";
import { Section } from "@/components/ui/section";
import { formatNumber } from "@/lib/registry/format";
import { routes } from "@/lib/routes";
import type { CrateUsage } from "@/lib/usage/get-crate-usage";

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/**
 * "Used in N projects by M people": what users' uploaded Cargo.lock files say
 * about the crate, with the versions in use. An empty state says how to add to it.
 */
export function CrateUsageSection({ crateName, usage }: { crateName: string; usage: CrateUsage }) {
  return (
    <Section id="usage" title="Used in projects" aside={usage.projects > 0 ? plural(usage.projects, "project", "projects") : undefined}>
      {usage.projects === 0 ? (
        <p className="text-sm text-subtle">
          No one has reported using {crateName} yet. Signed-in users <Link href={routes.usage()}>upload their Cargo.lock</Link> to
          count their projects here.
        </p>
      ) : (
        <>
          <p className="text-sm" data-testid="usage-summary">
            Used in {plural(usage.projects, "project", "projects")} by {plural(usage.people, "person", "people")}, from the
            Cargo.lock files they <Link href={routes.usage()}>uploaded</Link>.
          </p>
          <table className="mt-3 text-left text-sm">
            <caption className="mb-1 text-left font-medium">Versions in use</caption>
            <thead className="text-subtle">
              <tr>
                <th scope="col" className="pr-6 font-medium">
                  Version
                </th>
                <th scope="col" className="text-right font-medium">
                  Projects
                </th>
              </tr>
            </thead>
            <tbody>
              {usage.versions.map((v) => (
                <tr key={v.version}>
                  <th scope="row" className="pr-6 font-mono font-normal">
                    <Link href={routes.crate(crateName, v.version)}>{v.version}</Link>
                  </th>
                  <td className="text-right tabular-nums">{formatNumber(v.projects)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Section>
  );
}

import Link from "next/link";
import { Fact } from "@/components/ui/fact";
import { SideBlock } from "@/components/ui/side-block";
import { TimeAgo } from "@/components/ui/time-ago";
import { formatCount, formatNumber } from "@/lib/registry/format";
import type { CrateDetail } from "@/lib/registry/get-crate";
import { routes } from "@/lib/routes";
import { CrateLinks } from "./crate-links";
import { OwnerList } from "./owner-list";

/** Links, numbers, owners, categories and keywords of a crate. */
export function CrateSidebar({ crate, versionCount, now }: { crate: CrateDetail; versionCount: number; now: Date }) {
  return (
    <>
      <SideBlock title="Links">
        <CrateLinks
          name={crate.name}
          repository={crate.repository}
          documentation={crate.documentation}
          homepage={crate.homepage}
        />
      </SideBlock>
      <SideBlock title="Stats">
        <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm lg:grid-cols-1">
          <Fact label="Downloads, all time">
            <span title={formatNumber(crate.downloads)}>{formatCount(crate.downloads)}</span>
          </Fact>
          <Fact label="Downloads, last 90 days">
            <span title={formatNumber(crate.recentDownloads)}>{formatCount(crate.recentDownloads)}</span>
          </Fact>
          <Fact label="Direct dependents">
            <Link href={routes.dependents(crate.name)}>{formatNumber(crate.reverseDependencyCount)}</Link>
          </Fact>
          <Fact label="Versions">{formatNumber(versionCount)}</Fact>
          {crate.createdAt ? (
            <Fact label="First published">
              <TimeAgo date={crate.createdAt} now={now} />
            </Fact>
          ) : null}
          {crate.updatedAt ? (
            <Fact label="Last updated">
              <TimeAgo date={crate.updatedAt} now={now} />
            </Fact>
          ) : null}
        </dl>
      </SideBlock>
      <SideBlock title="Owners">
        <OwnerList owners={crate.owners} />
      </SideBlock>
      {crate.categories.length > 0 ? (
        <SideBlock title="Categories">
          <ul className="space-y-1 text-sm">
            {crate.categories.map((c) => (
              <li key={c.slug}>
                <Link href={routes.category(c.slug)}>{c.name}</Link>
              </li>
            ))}
          </ul>
        </SideBlock>
      ) : null}
      {crate.keywords.length > 0 ? (
        <SideBlock title="Keywords">
          <ul className="flex flex-wrap gap-1.5 text-sm">
            {crate.keywords.map((k) => (
              <li key={k}>
                <Link
                  href={routes.keyword(k)}
                  className="inline-block rounded border border-line px-2 py-0.5 no-underline hover:bg-panel"
                >
                  {k}
                </Link>
              </li>
            ))}
          </ul>
        </SideBlock>
      ) : null}
    </>
  );
}

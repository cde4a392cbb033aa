import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Fact } from "@/components/ui/fact";
import { TimeAgo } from "@/components/ui/time-ago";
import { formatBytes, formatDate } from "@/lib/registry/format";
import type { CrateDetail } from "@/lib/registry/get-crate";
import type { VersionDetail } from "@/lib/registry/get-version";
import { routes } from "@/lib/routes";

/** The crate's name, the version shown, its description, warnings, and the version's key facts. */
export function CrateHeader({ crate, version, now }: { crate: CrateDetail; version: VersionDetail | null; now: Date }) {
  const latest = crate.defaultVersion;
  const viewingOther = version !== null && version.num !== latest?.num;
  return (
    <header>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 className="text-2xl font-bold tracking-tight break-all sm:text-3xl">{crate.name}</h1>
        {version ? <span className="font-mono text-lg break-all text-subtle">{version.num}</span> : null}
        {version?.yanked ? <Badge tone="danger">yanked</Badge> : null}
        {version?.prerelease ? <Badge tone="warn">pre-release</Badge> : null}
      </div>
      {crate.description ? <p className="mt-2 text-lg break-words">{crate.description}</p> : null}

      {crate.removedAt ? (
        <p role="note" className="mt-3 rounded border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger">
          This crate is no longer in the registry: its index entry disappeared on {formatDate(crate.removedAt)}. It is
          kept here for the reviews and links that point to it, and left out of search and lists.
        </p>
      ) : null}
      {crate.allYanked ? (
        <p role="note" className="mt-3 rounded border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger">
          Every version of this crate has been yanked: new projects cannot depend on it.
        </p>
      ) : null}
      {viewingOther ? (
        <p role="note" className="mt-3 rounded border border-warn/40 bg-warn-soft px-3 py-2 text-sm text-warn">
          You are viewing version {version.num}
          {version.yanked ? ", which has been yanked" : ""}.{" "}
          {latest ? (
            <Link href={routes.crate(crate.name)} className="font-semibold">
              Go to the latest version, {latest.num}
            </Link>
          ) : null}
        </p>
      ) : null}

      {version ? (
        <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-5">
          <Fact label="License">{version.license ?? "not stated"}</Fact>
          <Fact label="Rust version (MSRV)">{version.rustVersion ?? "not stated"}</Fact>
          <Fact label="Edition">{version.edition ?? "not stated"}</Fact>
          <Fact label="Published">
            {version.publishedAt ? (
              <>
                {formatDate(version.publishedAt)}{" "}
                <span className="text-subtle">
                  (<TimeAgo date={version.publishedAt} now={now} />)
                </span>
              </>
            ) : (
              "unknown"
            )}
          </Fact>
          {version.crateSize !== null ? <Fact label="Download size">{formatBytes(version.crateSize)}</Fact> : null}
          {version.links ? (
            <Fact label="Links native library">
              <code>{version.links}</code>
            </Fact>
          ) : null}
        </dl>
      ) : null}
    </header>
  );
}

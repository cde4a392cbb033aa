import { formatNumber } from "@/lib/registry/format";
import type { VersionSummary } from "@/lib/registry/list-versions";
import { VersionTable } from "./version-table";

/** Every version, newest first: the most recent in view, older ones behind a disclosure (no script needed). */
export function VersionHistory({
  crateName,
  versions,
  shown,
  visible = 20,
}: {
  crateName: string;
  versions: VersionSummary[];
  shown: string | null;
  visible?: number;
}) {
  if (versions.length === 0) return <p className="text-sm text-subtle">No versions recorded.</p>;
  const older = versions.slice(visible);
  return (
    <>
      <VersionTable
        crateName={crateName}
        versions={versions.slice(0, visible)}
        shown={shown}
        caption={`Versions of ${crateName}, newest first`}
      />
      {older.length > 0 ? (
        <details className="mt-3" open={older.some((v) => v.num === shown)}>
          <summary className="cursor-pointer text-sm font-semibold text-brand">
            Show {formatNumber(older.length)} older {older.length === 1 ? "version" : "versions"}
          </summary>
          <VersionTable crateName={crateName} versions={older} shown={shown} caption={`Older versions of ${crateName}`} />
        </details>
      ) : null}
    </>
  );
}

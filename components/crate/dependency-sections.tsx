import type { DependenciesByKind, DependencyKindName } from "@/lib/registry/list-dependencies";
import { DependencyList } from "./dependency-list";

const kinds: { kind: DependencyKindName; title: string; note?: string }[] = [
  { kind: "normal", title: "Normal dependencies" },
  { kind: "build", title: "Build dependencies", note: "Used by the build script." },
  { kind: "dev", title: "Dev dependencies", note: "Used only by tests, examples and benchmarks." },
];

/** A version's dependencies, one titled list per kind that has any. */
export function DependencySections({ dependencies }: { dependencies: DependenciesByKind }) {
  const all = kinds.flatMap(({ kind }) => dependencies[kind]);
  if (all.length === 0) return <p className="text-sm text-subtle">This version has no dependencies.</p>;
  return (
    <div className="space-y-6">
      {kinds.map(({ kind, title, note }) =>
        dependencies[kind].length > 0 ? (
          <div key={kind}>
            <h3 className="font-semibold">
              {title} <span className="font-normal text-subtle">({dependencies[kind].length})</span>
            </h3>
            {note ? <p className="text-sm text-subtle">{note}</p> : null}
            <DependencyList dependencies={dependencies[kind]} label={title} />
          </div>
        ) : null,
      )}
      {all.some((d) => d.knownCrateName === null) ? (
        <p className="text-sm text-subtle">Crates shown without a link are not indexed on this site.</p>
      ) : null}
    </div>
  );
}

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { DependencyView } from "@/lib/registry/list-dependencies";
import { routes } from "@/lib/routes";

/** One kind of dependency (normal, build or dev) of a version. */
export function DependencyList({ dependencies, label }: { dependencies: DependencyView[]; label: string }) {
  return (
    <ul aria-label={label} className="divide-y divide-line text-sm">
      {dependencies.map((dep, i) => (
        <li key={`${dep.crateName}-${dep.target ?? ""}-${i}`} className="py-2">
          <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
            {dep.knownCrateName ? (
              <Link href={routes.crate(dep.knownCrateName)} className="font-semibold break-all">
                {dep.crateName}
              </Link>
            ) : (
              <span className="font-semibold break-all">
                {dep.crateName}
                <span className="font-normal text-subtle"> (not indexed here)</span>
              </span>
            )}
            <code className="rounded bg-panel px-1 text-xs">{dep.req}</code>
            {dep.optional ? <Badge tone="warn">optional</Badge> : null}
            {dep.target ? (
              <span className="text-xs text-subtle">
                only on <code className="break-all">{dep.target}</code>
              </span>
            ) : null}
          </div>
          {dep.explicitName || !dep.defaultFeatures || dep.features.length > 0 ? (
            <p className="mt-0.5 text-subtle">
              {[
                dep.explicitName ? `renamed to ${dep.explicitName}` : null,
                dep.defaultFeatures ? null : "default features off",
                dep.features.length > 0 ? `features: ${dep.features.join(", ")}` : null,
              ]
                .filter(Boolean)
                .join(" · ")}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

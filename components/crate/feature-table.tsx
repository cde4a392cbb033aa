import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { FeatureEffect, FeatureView } from "@/lib/registry/feature-list";
import { routes } from "@/lib/routes";

function featureAnchor(name: string): string {
  return `feature-${name.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

/**
 * The features of one version and what turning each on does. `dependencyCrates`
 * maps a dependency's manifest name to the crate we have for it (null: not here).
 */
export function FeatureTable({
  caption,
  features,
  dependencyCrates,
}: {
  caption: string;
  features: FeatureView[];
  dependencyCrates: ReadonlyMap<string, string | null>;
}) {
  const dependency = (name: string): ReactNode => {
    const crate = dependencyCrates.get(name);
    return crate ? (
      <Link href={routes.crate(crate)} className="font-mono">
        {name}
      </Link>
    ) : (
      <code>{name}</code>
    );
  };

  const describe = (effect: FeatureEffect): ReactNode => {
    switch (effect.kind) {
      case "feature":
        return (
          <>
            feature <a href={`#${featureAnchor(effect.feature)}`} className="font-mono">{effect.feature}</a>
          </>
        );
      case "dependency":
        return <>optional dependency {dependency(effect.dependency)}</>;
      case "dependency-feature":
        return (
          <>
            feature <code>{effect.feature}</code> of {dependency(effect.dependency)}
            {effect.weak ? <span className="text-subtle"> (only if that dependency is enabled otherwise)</span> : null}
          </>
        );
    }
  };

  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-line text-left">
            <th scope="col" className="py-2 pr-4 font-semibold">
              Feature
            </th>
            <th scope="col" className="py-2 font-semibold">
              Enables
            </th>
          </tr>
        </thead>
        <tbody>
          {features.map((feature) => (
            <tr key={feature.name} id={featureAnchor(feature.name)} className="scroll-mt-4 border-b border-line align-top target:bg-brand-soft">
              <th scope="row" className="py-2 pr-4 text-left font-normal">
                <span className="flex flex-wrap items-center gap-1.5">
                  <code className="font-semibold break-all">{feature.name}</code>
                  {feature.enabledByDefault && feature.name !== "default" ? <Badge tone="ok">on by default</Badge> : null}
                  {feature.implicit ? (
                    <Badge title="Cargo adds a feature named after each optional dependency not referred to with dep:">implicit</Badge>
                  ) : null}
                </span>
              </th>
              <td className="py-2">
                {feature.enables.length === 0 ? (
                  <span className="text-subtle">nothing else (a flag the code checks)</span>
                ) : (
                  <ul className="space-y-0.5">
                    {feature.enables.map((effect, i) => (
                      <li key={i}>{describe(effect)}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import Link from "next/link";
import type { CurrentView } from "@/lib/curation/current-view";
import type { Verdict } from "@/lib/curation/filter-list-types";
import { routes } from "@/lib/routes";
import { RuleLink } from "./rule-link";

/**
 * On a crate's page: what the visitor's view does to it. A hidden crate's page
 * stays reachable, and says which list and line hid it; a demoted one says
 * so; labels and a recommended replacement are listed with their rules.
 */
export function CrateVerdictBanner({ verdict, view, crateName }: { verdict: Verdict | null; view: CurrentView | null; crateName: string }) {
  if (!verdict || !view) return null;
  const { action, decidedBy, labels, replaceWith } = verdict;
  const serious = action === "hide" || action === "demote";
  if (!serious && labels.length === 0 && !replaceWith) return null;
  return (
    <section
      aria-label={`What the ${view.title} view says about ${crateName}`}
      className={`rounded border px-4 py-3 text-sm ${action === "hide" ? "border-danger/40 bg-danger-soft" : "border-warn/40 bg-warn-soft"}`}
    >
      {action === "hide" && decidedBy ? (
        <p className="font-semibold">
          The {view.title} view hides this crate from lists and search: rule of <RuleLink source={decidedBy} />
          {decidedBy.reason ? <> ({decidedBy.reason})</> : null}.
        </p>
      ) : null}
      {action === "demote" && decidedBy ? (
        <p className="font-semibold">
          The {view.title} view ranks this crate lower in search: rule of <RuleLink source={decidedBy} />
          {decidedBy.reason ? <> ({decidedBy.reason})</> : null}.
        </p>
      ) : null}
      {decidedBy && serious ? (
        <p className="mt-1 font-mono text-xs break-all text-subtle">
          <span className="sr-only">The rule: </span>
          {decidedBy.rule}
        </p>
      ) : null}
      {labels.length > 0 ? (
        <ul className="mt-1 space-y-0.5">
          {labels.map(({ label, source }) => (
            <li key={label}>
              Labelled <strong>{label}</strong> by <RuleLink source={source} />
              {source.reason ? <>: {source.reason}</> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {replaceWith ? (
        <p className="mt-1">
          Curators recommend <Link href={routes.crate(replaceWith.crate)}>{replaceWith.crate}</Link> instead (
          <RuleLink source={replaceWith.source} />
          ).
        </p>
      ) : null}
      <p className="mt-1 text-xs text-subtle">
        Curation never changes what cargo installs. <Link href={routes.views()}>Choose another view</Link>.
      </p>
    </section>
  );
}

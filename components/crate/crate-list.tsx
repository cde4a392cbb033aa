import { CrateListItem, type CrateListEntry } from "./crate-list-item";

/** A ranked list of crates; `start` numbers the first item (1 on page one, 21 on page two…). */
export function CrateList({ crates, start = 1, label }: { crates: CrateListEntry[]; start?: number; label?: string }) {
  return (
    <ol start={start} aria-label={label} className="divide-y divide-line">
      {crates.map((crate) => (
        <CrateListItem key={crate.name} crate={crate} />
      ))}
    </ol>
  );
}

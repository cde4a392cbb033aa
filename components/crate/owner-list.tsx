import { ExternalLink } from "@/components/ui/external-link";
import type { CrateOwnerView } from "@/lib/registry/get-crate";

/** GitHub page for a crates.io owner: users log in with GitHub; teams are `github:<org>:<team>`. */
function ownerProfileUrl(owner: CrateOwnerView): string | null {
  if (owner.kind === "user") return `https://github.com/${encodeURIComponent(owner.login)}`;
  const [host, org] = owner.login.split(":");
  return host === "github" && org ? `https://github.com/${encodeURIComponent(org)}` : null;
}

export function OwnerList({ owners }: { owners: CrateOwnerView[] }) {
  if (owners.length === 0) return <p className="text-sm text-subtle">No owners listed.</p>;
  return (
    <ul className="space-y-1 text-sm">
      {owners.map((owner) => (
        <li key={`${owner.kind}:${owner.login}`} className="break-words">
          <ExternalLink href={ownerProfileUrl(owner)}>{owner.name ?? owner.login}</ExternalLink>
          {owner.name && owner.name !== owner.login ? <span className="text-subtle"> ({owner.login})</span> : null}
          {owner.kind === "team" ? <span className="text-subtle"> · team</span> : null}
        </li>
      ))}
    </ul>
  );
}

import { ExternalLink } from "@/components/ui/external-link";
import { safeHttpUrl } from "@/lib/http/safe-http-url";

/** Repository, documentation and homepage links; docs.rs when the crate names no documentation. */
export function CrateLinks({
  name,
  repository,
  documentation,
  homepage,
}: {
  name: string;
  repository: string | null;
  documentation: string | null;
  homepage: string | null;
}) {
  const links: { label: string; href: string }[] = [];
  const repo = safeHttpUrl(repository);
  const docs = safeHttpUrl(documentation);
  const home = safeHttpUrl(homepage);
  if (repo) links.push({ label: "Repository", href: repo });
  links.push(docs ? { label: "Documentation", href: docs } : { label: "Documentation (docs.rs)", href: `https://docs.rs/${name}` });
  // Many crates repeat their repository as their homepage.
  if (home && home !== repo && home !== docs) links.push({ label: "Homepage", href: home });

  return (
    <ul className="space-y-1.5">
      {links.map((link) => (
        <li key={link.label} className="min-w-0">
          <ExternalLink href={link.href} className="font-medium">
            {link.label}
          </ExternalLink>
          <span className="block truncate text-xs text-subtle" title={link.href}>
            {displayUrl(link.href)}
          </span>
        </li>
      ))}
    </ul>
  );
}

function displayUrl(href: string): string {
  return href.replace(/^https?:\/\//, "").replace(/\/$/, "");
}

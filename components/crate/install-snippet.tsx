import { CodeBlock } from "@/components/ui/code-block";

/**
 * How to add the crate: the cargo command and the manifest line, both selectable
 * text. `pinned` names the version in the cargo command too (an older one being viewed).
 */
export function InstallSnippet({ name, version, pinned = false }: { name: string; version: string | null; pinned?: boolean }) {
  const inPlace = version ? `${name} = "${version}"` : null;
  return (
    <div className="space-y-2 text-sm">
      <p>Run in your project directory:</p>
      <CodeBlock label="cargo command">{`cargo add ${name}${pinned && version ? `@${version}` : ""}`}</CodeBlock>
      {inPlace ? (
        <>
          <p>
            Or add to <code>[dependencies]</code> in <code>Cargo.toml</code>:
          </p>
          <CodeBlock label="Cargo.toml line">{inPlace}</CodeBlock>
        </>
      ) : null}
    </div>
  );
}

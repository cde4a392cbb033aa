import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Metadata } from "next";
import Link from "next/link";
import { renderDocsMarkdown } from "@/components/curation/render-docs-markdown";
import { PageHeading } from "@/components/ui/page-heading";
import { routes } from "@/lib/routes";

export const metadata: Metadata = {
  title: "How filter lists are written",
  description: "The filter list format of cratelist: rules that hide, demote and label crates, headers, includes and exports.",
};

// The format is documented once, beside the parser; this page shows that file.
const readme = path.join(process.cwd(), "lib/curation/README.md");

let rendered: Promise<ReturnType<typeof renderDocsMarkdown>> | null = null;

function loadDocs() {
  rendered ??= readFile(readme, "utf8").then(renderDocsMarkdown, (error: unknown) => {
    rendered = null;
    throw error;
  });
  return rendered;
}

const docsClass =
  "max-w-3xl space-y-3 break-words [&_a]:break-all [&_blockquote]:border-l-4 [&_blockquote]:border-line [&_blockquote]:pl-3 [&_blockquote]:text-subtle [&_code]:rounded [&_code]:bg-panel [&_code]:px-1 [&_code]:text-[0.9em] [&_h2]:mt-8 [&_h2]:border-b [&_h2]:border-line [&_h2]:pb-1 [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:mt-6 [&_h3]:font-semibold [&_h4]:font-semibold [&_li]:mt-1 [&_ol]:list-decimal [&_ol]:pl-6 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:border [&_pre]:border-line [&_pre]:bg-panel [&_pre]:p-3 [&_pre]:text-sm [&_pre_code]:bg-transparent [&_pre_code]:p-0 [&_table]:w-full [&_table]:border-collapse [&_table]:text-sm [&_td]:border [&_td]:border-line [&_td]:px-2 [&_td]:py-1 [&_th]:border [&_th]:border-line [&_th]:px-2 [&_th]:py-1 [&_th]:text-left [&_ul]:list-disc [&_ul]:pl-6";

export default async function FilterListDocsPage() {
  const { title, html } = await loadDocs();
  return (
    <div className="max-w-3xl">
      <PageHeading
        lead={
          <>
            Browse the <Link href={routes.lists()}>filter lists</Link> and the <Link href={routes.views()}>views</Link> that
            combine them.
          </>
        }
      >
        {title ?? "How filter lists are written"}
      </PageHeading>
      <div className={docsClass} dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}

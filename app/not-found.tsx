import Link from "next/link";
import { SearchForm } from "@/components/search/search-form";
import { PageHeading } from "@/components/ui/page-heading";
import { routes } from "@/lib/routes";

export default function NotFound() {
  return (
    <div className="max-w-2xl">
      <PageHeading lead="There is no page at this address: the crate, category or keyword may not exist, or the link is mistyped.">
        Not found
      </PageHeading>
      <div className="space-y-4">
        <SearchForm id="not-found-search" labelVisible />
        <p>
          Or <Link href={routes.categories()}>browse the categories</Link>, or go to the{" "}
          <Link href={routes.home()}>home page</Link>.
        </p>
      </div>
    </div>
  );
}

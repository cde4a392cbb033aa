import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PageHeading } from "@/components/ui/page-heading";
import { TokenCreateForm } from "@/components/usage/token-create-form";
import { getActor } from "@/lib/auth/get-actor";
import { getDb } from "@/lib/db";
import { formatDate } from "@/lib/registry/format";
import { routes } from "@/lib/routes";
import { listApiTokens } from "@/lib/usage/list-api-tokens";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "API tokens", robots: { index: false } };

const stateLabels = { live: "Active", expired: "Expired", revoked: "Revoked" } as const;

export default async function ApiTokensPage() {
  const actor = await getActor();
  if (!actor) redirect(routes.signIn(routes.apiTokens()));
  const tokens = await listApiTokens(getDb(), actor);

  return (
    <div className="max-w-3xl space-y-8">
      <PageHeading
        lead={
          <>
            Personal tokens let a script act as you on the JSON API, for now to upload{" "}
            <Link href={routes.usage()}>usage reports</Link> from CI (<code>POST {routes.apiUsageReports()}</code> with{" "}
            <code>Authorization: Bearer &lt;token&gt;</code>). Treat one like a password; revoke it when it leaks.
          </>
        }
      >
        API tokens
      </PageHeading>

      <section aria-labelledby="new-token-heading" className="space-y-3">
        <h2 id="new-token-heading" className="text-lg font-semibold">
          New token
        </h2>
        <TokenCreateForm action={createApiTokenAction} />
      </section>

      <section aria-labelledby="tokens-heading" className="space-y-3">
        <h2 id="tokens-heading" className="text-lg font-semibold">
          Your tokens
        </h2>
        {tokens.length === 0 ? (
          <p className="text-subtle">You have no tokens yet.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Your API tokens, newest first</caption>
            <thead className="border-b border-line text-subtle">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">Name</th>
                <th scope="col" className="py-2 pr-3 font-medium">Token</th>
                <th scope="col" className="py-2 pr-3 font-medium">State</th>
                <th scope="col" className="py-2 pr-3 font-medium">Last used</th>
                <th scope="col" className="py-2 font-medium"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} className="border-b border-line/60" data-testid="api-token">
                  <th scope="row" className="py-2 pr-3 font-medium break-all">{token.name}</th>
                  <td className="py-2 pr-3 font-mono">{token.prefix}…</td>
                  <td className="py-2 pr-3">
                    {stateLabels[token.state]}
                    {token.state === "live" && token.expiresAt ? `, until ${formatDate(token.expiresAt)}` : null}
                    {token.state === "expired" && token.expiresAt ? ` ${formatDate(token.expiresAt)}` : null}
                    {token.state === "revoked" && token.revokedAt ? ` ${formatDate(token.revokedAt)}` : null}
                  </td>
                  <td className="py-2 pr-3">{token.lastUsedAt ? formatDate(token.lastUsedAt) : "never"}</td>
                  <td className="py-2 text-right">
                    {token.state === "live" ? (
                      <form action={revokeApiTokenAction}>
                        <input type="hidden" name="tokenId" value={token.id} />
                        <button type="submit" className="rounded border border-line px-2 py-0.5 text-danger hover:bg-danger-soft">
                          Revoke<span className="sr-only"> {token.name}</span>
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

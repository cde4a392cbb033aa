import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ForbiddenNotice } from "@/components/auth/forbidden-notice";
import { RoleForm } from "@/components/auth/role-form";
import { Badge } from "@/components/ui/badge";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { Section } from "@/components/ui/section";
import { TableHead } from "@/components/ui/table-head";
import { TimeAgo } from "@/components/ui/time-ago";
import { getActor } from "@/lib/auth/get-actor";
import { listRoleChanges } from "@/lib/auth/list-role-changes";
import { listUsers } from "@/lib/auth/list-users";
import { hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { firstParam } from "@/lib/http/first-param";
import { parsePageParam } from "@/lib/http/parse-page-param";
import { routes } from "@/lib/routes";
import { changeUserRole } from "./actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Users",
  robots: { index: false },
};

const roleTone = { user: "neutral", curator: "ok", moderator: "warn", admin: "brand" } as const;

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getActor();
  if (!actor) redirect(routes.signIn(routes.adminUsers()));
  if (!hasRole(actor, "admin")) return <ForbiddenNotice actor={actor} needs="admins" what="manage users and roles" />;

  const params = await searchParams;
  const q = (firstParam(params.q) ?? "").trim();
  const requestedPage = parsePageParam(firstParam(params.page));
  const db = getDb();
  const [{ users, total, page, perPage }, changes] = await Promise.all([
    listUsers(db, actor, { q, page: requestedPage }),
    listRoleChanges(db, actor, { limit: 20 }),
  ]);
  const totalPages = Math.max(1, Math.ceil(total / perPage));

  return (
    <>
      <PageHeading lead="Give people roles: curators tend crate data, moderators handle reports and hidden reviews, admins manage roles. Every change is logged with its reason.">
        Users
      </PageHeading>

      <form role="search" action={routes.adminUsers()} method="get" className="mb-6 flex max-w-xl gap-2">
        <label htmlFor="user-search" className="sr-only">
          Search users by name or email
        </label>
        <input
          id="user-search"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={200}
          placeholder="Name or email"
          className="h-9 flex-1 rounded border border-line bg-page px-3 text-sm text-ink placeholder:text-subtle"
        />
        <button type="submit" className="h-9 rounded bg-brand px-4 text-sm font-semibold text-on-brand hover:bg-brand-strong">
          Search
        </button>
      </form>

      <Section
        id="users"
        title={q ? `Users matching “${q}”` : "All users"}
        aside={`${total} ${total === 1 ? "user" : "users"}${q ? "" : ", newest first"}`}
      >
        {users.length === 0 ? (
          <p className="text-subtle">
            {q ? (
              <>
                Nobody matches “{q}”. People appear here after their first sign-in.{" "}
                <Link href={routes.adminUsers()}>Show all users</Link>
              </>
            ) : (
              "Nobody has signed in yet."
            )}
          </p>
        ) : (
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Users">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Users with their role and a form to change it</caption>
              <TableHead titles={["Name", "Email", "Role", "Joined", "Change role"]} />
              <tbody>
                {users.map((user) => {
                  const label = user.name ?? user.email ?? user.id;
                  return (
                    <tr key={user.id} className="border-b border-line align-top">
                      <td className="py-2 pr-4">
                        <Link href={routes.user(user.id)}>{user.name ?? "(no name)"}</Link>
                        {user.id === actor.id ? <span className="ml-1 text-subtle">(you)</span> : null}
                      </td>
                      <td className="py-2 pr-4 break-all">{user.email ?? <span className="text-subtle">none</span>}</td>
                      <td className="py-2 pr-4">
                        <Badge tone={roleTone[user.role]}>{user.role}</Badge>
                      </td>
                      <td className="py-2 pr-4 whitespace-nowrap">
                        <TimeAgo date={user.createdAt} />
                      </td>
                      <td className="py-2">
                        <RoleForm action={changeUserRole} userId={user.id} userLabel={label} role={user.role} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={page} totalPages={totalPages} hrefFor={(p) => routes.adminUsers({ q, page: p })} label="User pages" />
      </Section>

      <Section id="role-changes" title="Latest role changes" className="mt-10">
        {changes.length === 0 ? (
          <p className="text-subtle">No role has been changed yet.</p>
        ) : (
          <ol className="space-y-2 text-sm">
            {changes.map((change) => (
              <li key={change.id} className="border-b border-line pb-2">
                <TimeAgo date={change.createdAt} />: {change.actor ? (change.actor.name ?? "an admin") : "the system"} changed{" "}
                {change.user ? <Link href={routes.user(change.user.id)}>{change.user.name ?? change.user.email ?? change.user.id}</Link> : "a deleted user"}
                : <span className="text-subtle">{change.reason}</span>
              </li>
            ))}
          </ol>
        )}
      </Section>
    </>
  );
}

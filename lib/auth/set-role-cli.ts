import { parseArgs } from "node:util";
import { getDb } from "../db";
import { UserError } from "../user-error";
import { roles } from "./roles";
import { setUserRoleAsSystem } from "./set-user-role";

// `npm run user:role -- <email-or-user-id> <role> [--reason "..."]`: the
// operator's way to grant or take a role on the server itself (e.g. a second
// admin, or a moderator before anyone has the admin page). Runs as the system:
// the moderation log records it with no actor. Reads DATABASE_URL.
const usage = `usage: npm run user:role -- <email-or-user-id> <${roles.join("|")}> [--reason "why"]`;

let parsed;
try {
  parsed = parseArgs({ options: { reason: { type: "string" }, help: { type: "boolean" } }, allowPositionals: true, strict: true });
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const [who, role, ...extra] = parsed.positionals;
if (parsed.values.help || !who || !role || extra.length > 0) {
  console.error(usage);
  process.exit(parsed.values.help ? 0 : 2);
}

const db = getDb();
try {
  const user = who.includes("@")
    ? await db.user.findUnique({ where: { email: who.trim().toLowerCase() }, select: { id: true } })
    : await db.user.findUnique({ where: { id: who.trim() }, select: { id: true } });
  if (!user) {
    throw new UserError("not_found", `No user has the ${who.includes("@") ? "email" : "id"} "${who}". People appear here after their first sign-in.`);
  }
  const change = await setUserRoleAsSystem(db, {
    userId: user.id,
    role,
    reason: parsed.values.reason ?? "set on the server with npm run user:role",
  });
  console.log(`${change.name ?? who} (${change.userId}): ${change.from} → ${change.to}. Logged in the moderation log.`);
} catch (error) {
  if (error instanceof UserError) {
    console.error(`user:role: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await db.$disconnect();
}

import { getEnv } from "../env";
import { migrate } from "./migrate";

// `npm run db:migrate`: applies pending migrations to DATABASE_URL.
const { DATABASE_URL } = getEnv();
try {
  const result = await migrate(DATABASE_URL);
  console.log(
    result.applied.length
      ? `Applied ${result.applied.length} migration(s): ${result.applied.join(", ")}`
      : `Database is up to date (${result.alreadyApplied} migration(s) applied earlier).`,
  );
} catch (error) {
  console.error(`db:migrate failed: ${(error as Error).message}`);
  process.exit(1);
}

import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
export const fixtureIndexDir = path.join(root, "fixtures/crates-io-index");
/** Built by scripts/build-dump-fixture.ts (deterministic, not committed). */
export const fixtureDumpPath = path.join(root, "fixtures/dump/db-dump.tar.gz");

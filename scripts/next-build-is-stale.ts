import { existsSync, statSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

/** True when `<root>/.next` is missing or any source the site is built from is newer than it. */
export async function nextBuildIsStale(root: string): Promise<boolean> {
  const buildId = path.join(root, ".next/BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  for (const dir of ["app", "components", "lib", "public"]) {
    if (await newerThan(path.join(root, dir), built)) return true;
  }
  for (const file of ["next.config.ts", "package.json", "postcss.config.mjs"]) {
    if (existsSync(path.join(root, file)) && statSync(path.join(root, file)).mtimeMs > built) return true;
  }
  return false;
}

async function newerThan(dir: string, time: number): Promise<boolean> {
  if (!existsSync(dir)) return false;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    if ((await stat(path.join(entry.parentPath, entry.name))).mtimeMs > time) return true;
  }
  return false;
}

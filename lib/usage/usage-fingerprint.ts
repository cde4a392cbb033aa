import { createHash } from "node:crypto";
import type { ParsedLockfile } from "./parse-cargo-lock";

/**
 * Which project a lockfile belongs to, so that uploading it again replaces the
 * report: the names of the project's own packages (those with no source: the
 * root and workspace members), sorted. A lockfile with none (it should not
 * happen) is keyed by its registry packages instead.
 */
export function usageFingerprint(lockfile: Pick<ParsedLockfile, "projectPackages" | "registryPackages">): string {
  const key =
    lockfile.projectPackages.length > 0
      ? `project\n${[...lockfile.projectPackages].sort().join("\n")}`
      : `registry\n${lockfile.registryPackages.map((p) => `${p.name} ${p.version}`).sort().join("\n")}`;
  return createHash("sha256").update(key).digest("hex");
}

/** How the owner's list names the project: its own packages, shortened. */
export function usageProjectLabel(lockfile: Pick<ParsedLockfile, "projectPackages">): string {
  if (lockfile.projectPackages.length === 0) return "(a project without packages of its own)";
  const shown = lockfile.projectPackages.slice(0, 5).join(", ");
  const more = lockfile.projectPackages.length - 5;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

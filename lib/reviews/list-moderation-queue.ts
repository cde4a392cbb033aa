import type { PrismaClient, ReportReason } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { displayName } from "./display-name";
import { loadReviewViews, withoutBody } from "./load-review-views";
import type { ReviewView } from "./review-views";

export interface ModerationQueue {
  /** Reviews with open reports, the longest-waiting first. */
  reported: {
    review: ReviewView;
    reports: { reason: ReportReason; details: string | null; reporter: { id: string; name: string }; createdAt: Date }[];
  }[];
  /** Crates whose aggregates a burst froze, the oldest first. */
  freezes: { crateName: string; reason: string; frozenAt: Date }[];
}

/** What waits for moderators (moderator or admin): open reports grouped by review, and active rating freezes. */
export async function listModerationQueue(db: PrismaClient, actor: Actor | null): Promise<ModerationQueue> {
  const moderator = requireRole(actor, "moderator", "see the moderation queue");
  const [reports, freezes] = await Promise.all([
    db.reviewReport.findMany({
      where: { resolvedAt: null },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { reporter: { select: { id: true, name: true } } },
    }),
    db.ratingFreeze.findMany({ where: { releasedAt: null }, orderBy: { frozenAt: "asc" } }),
  ]);

  const byReview = new Map<number, ModerationQueue["reported"][number]["reports"]>();
  for (const report of reports) {
    const list = byReview.get(report.reviewId) ?? [];
    list.push({
      reason: report.reason,
      details: report.details,
      reporter: { id: report.reporter.id, name: displayName(report.reporter) },
      createdAt: report.createdAt,
    });
    byReview.set(report.reviewId, list);
  }
  const views = withoutBody(await loadReviewViews(db, [...byReview.keys()], moderator.id));
  const crates = await db.crate.findMany({ where: { nameLower: { in: freezes.map((f) => f.crateName) } }, select: { name: true, nameLower: true } });
  const crateNames = new Map(crates.map((c) => [c.nameLower, c.name]));
  return {
    reported: views.map((review) => ({ review, reports: byReview.get(review.id) ?? [] })),
    freezes: freezes.map((f) => ({ crateName: crateNames.get(f.crateName) ?? f.crateName, reason: f.reason, frozenAt: f.frozenAt })),
  };
}

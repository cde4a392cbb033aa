import type { LogSubject } from "@/components/moderation/log-subject-link";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// moderation_log.subject names what an entry acted on as text (`review:12`,
// `crate:serde`, `user:<id>`). The log page links each one to its page, which
// for a review needs its crate and for a user their name: looked up here in
// two queries for the whole page of entries.

type Parsed = { kind: "review"; id: number } | { kind: "crate"; name: string } | { kind: "user"; id: string } | { kind: "other"; text: string };

export function parseLogSubject(subject: string): Parsed {
  const review = /^review:(\d{1,9})$/.exec(subject);
  if (review) return { kind: "review", id: Number(review[1]) };
  if (subject.startsWith("crate:") && subject.length > "crate:".length) return { kind: "crate", name: subject.slice("crate:".length) };
  if (subject.startsWith("user:") && subject.length > "user:".length) return { kind: "user", id: subject.slice("user:".length) };
  return { kind: "other", text: subject };
}

/** Each subject string resolved, keyed by the string. */
export async function resolveLogSubjects(db: PrismaClient, subjects: string[]): Promise<Map<string, LogSubject>> {
  const parsed = new Map(subjects.map((s) => [s, parseLogSubject(s)]));
  const reviewIds = [...parsed.values()].flatMap((p) => (p.kind === "review" ? [p.id] : []));
  const userIds = [...parsed.values()].flatMap((p) => (p.kind === "user" ? [p.id] : []));
  const [reviews, users] = await Promise.all([
    reviewIds.length
      ? db.review.findMany({
          where: { id: { in: reviewIds } },
          select: { id: true, crateName: true, status: true, user: { select: { name: true } } },
        })
      : [],
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
  ]);
  const reviewById = new Map(reviews.map((r) => [r.id, r]));
  const userById = new Map(users.map((u) => [u.id, u]));

  const resolved = new Map<string, LogSubject>();
  for (const [subject, p] of parsed) {
    if (p.kind === "review") {
      const r = reviewById.get(p.id);
      resolved.set(subject, {
        kind: "review",
        id: p.id,
        review: r ? { crateName: r.crateName, authorName: r.user.name ?? "an unnamed user", status: r.status } : null,
      });
    } else if (p.kind === "user") {
      resolved.set(subject, { kind: "user", id: p.id, name: userById.get(p.id)?.name ?? null });
    } else {
      resolved.set(subject, p);
    }
  }
  return resolved;
}

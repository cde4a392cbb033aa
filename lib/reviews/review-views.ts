import type { ReportReason, ReviewExperience, ReviewStatus } from "../generated/prisma/client";

// The plain view types pages and route handlers get from lib/reviews. Domain
// functions live in their own verb-noun files beside this one.

/** Rating criteria in display order; `overall` is required on every review. */
export const criteria = ["overall", "documentation", "apiDesign", "reliability", "maintenance", "security", "performance"] as const;
export type Criterion = (typeof criteria)[number];

export const criterionLabels: Record<Criterion, string> = {
  overall: "Overall",
  documentation: "Documentation",
  apiDesign: "API design",
  reliability: "Reliability",
  maintenance: "Maintenance and responsiveness",
  security: "Security",
  performance: "Performance",
};

/** crate_ratings.criterion values (snake_case, as URLs and the API spell them). */
export const criterionKeys: Record<Criterion, string> = {
  overall: "overall",
  documentation: "documentation",
  apiDesign: "api_design",
  reliability: "reliability",
  maintenance: "maintenance",
  security: "security",
  performance: "performance",
};

export const experienceLabels: Record<ReviewExperience, string> = {
  tried_briefly: "Tried it briefly",
  used_in_project: "Used it in a project",
  used_in_production: "Use it in production",
  read_source: "Read the source",
};

export const reportReasonLabels: Record<ReportReason, string> = {
  spam: "Spam or advertising",
  abusive: "Abusive or hateful",
  off_topic: "Not about this crate",
  conflict_of_interest: "Undisclosed conflict of interest",
  misleading: "Misleading or false",
  other: "Something else",
};

export type Ratings = { overall: number } & { [C in Exclude<Criterion, "overall">]: number | null };

export interface ReviewView {
  id: number;
  crateName: string;
  version: string;
  author: { id: string; name: string };
  /** Sanitized HTML rendered on the server; safe to insert as is. */
  bodyHtml: string;
  ratings: Ratings;
  experience: ReviewExperience;
  status: ReviewStatus;
  /** Weighted helpful votes. */
  helpful: number;
  /** Whether the viewer (if signed in) voted this review helpful. */
  votedByViewer: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** More than one saved revision. */
  edited: boolean;
  /** The author's usage reports (uploaded Cargo.lock files) contain the crate: lib/usage/verified-users.ts. */
  verifiedUser: boolean;
}

export interface CriterionAggregate {
  criterion: Criterion;
  label: string;
  count: number;
  mean: number;
  /** The Bayesian average shown and used for sorting and filters. */
  score: number;
  /** Counts of ratings 1..5 (index 0 is rating 1). */
  histogram: [number, number, number, number, number];
}

export interface CrateRatingsView {
  crateName: string;
  reviewCount: number;
  criteria: CriterionAggregate[];
  /** Set while a burst froze the aggregates at their pre-burst value. */
  frozen: { since: Date; reason: string } | null;
}

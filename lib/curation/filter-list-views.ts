import type { FilterListHeader } from "./filter-list-types";

// The plain shapes the list pages receive (never Prisma models).

export interface PersonRef {
  id: string;
  name: string;
}

export interface FilterListSummary {
  slug: string;
  title: string;
  description: string;
  revision: number;
  builtIn: boolean;
  updatedAt: Date;
  ruleCount: number;
  curators: PersonRef[];
}

export interface FilterListDetail extends FilterListSummary {
  id: number;
  body: string;
  header: FilterListHeader;
  usedBy: { slug: string; title: string }[];
}

export interface FilterListRevisionSummary {
  number: number;
  message: string;
  author: PersonRef | null;
  createdAt: Date;
}

export interface FilterListRevisionDetail extends FilterListRevisionSummary {
  body: string;
  previousBody: string | null;
}

export type ViewListEntry =
  | { kind: "list"; slug: string; title: string }
  | { kind: "remote"; url: string; title: string | null; fetchedAt: Date | null; fetchError: string | null };

export interface ViewSummary {
  id: number;
  slug: string;
  title: string;
  description: string;
  builtIn: boolean;
  isDefault: boolean;
  owner: PersonRef | null;
  lists: ViewListEntry[];
  evaluatedAt: Date | null;
  hiddenCount: number;
}

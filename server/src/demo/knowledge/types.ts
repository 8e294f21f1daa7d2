// The shape of a demo knowledge entry. All demo articles are written for the fictional city A市.

export interface DemoArticle {
  /** A stable name for tests and cross references. */
  key: string;
  kind?: 'article' | 'template';
  title: string;
  summary: string;
  body: string;
  /** Category path in the taxonomy (level 1 or 1/2). */
  category?: string;
  tags: string[];
  audience: 'public' | 'internal';
  /** Bureau key from city.ts, or 'center' for the hotline center. */
  owner?: string;
  validFrom?: string;
  validTo?: string;
  /** Final state of the newest version; published when absent. */
  state?: 'published' | 'draft' | 'reviewing' | 'archived';
  /** An earlier text that was published and then replaced by this one (gives the article a history). */
  earlier?: { title: string; summary: string; body: string };
  /** A pending edit of the published text (a draft version 2 while version 1 stays live). */
  pendingEdit?: { summary: string; body: string };
}

// The JSON shapes of knowledge responses: staff see versions with their workflow fields; the
// public sees the published text only, with no author, reviewer or internal owner detail.
import type { VersionRow } from './repository.ts';
import type { HighlightedHit } from './search.ts';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Whether a version is valid on a YYYY-MM-DD date. */
export function validOn(row: Pick<VersionRow, 'validFrom' | 'validTo'>, today: string): boolean {
  return (!row.validFrom || row.validFrom <= today) && (!row.validTo || row.validTo >= today);
}

export function presentVersion(v: VersionRow) {
  return {
    articleId: v.articleId,
    kind: v.kind,
    version: v.version,
    revision: v.revision,
    status: v.status,
    title: v.title,
    summary: v.summary,
    body: v.body,
    categoryId: v.categoryId,
    categoryName: v.categoryName,
    tags: v.tags,
    audience: v.audience,
    validFrom: v.validFrom,
    validTo: v.validTo,
    ownerDepartmentId: v.ownerDepartmentId,
    ownerDepartmentName: v.ownerDepartmentName,
    authorName: v.authorName,
    createdAt: iso(v.createdAt),
    updatedAt: iso(v.updatedAt),
    submittedAt: iso(v.submittedAt),
    reviewerName: v.reviewerName,
    reviewedAt: iso(v.reviewedAt),
    reviewComment: v.reviewComment,
    publishedAt: iso(v.publishedAt),
    archivedAt: iso(v.archivedAt),
  };
}

/** One line of a version history or an editor's list. */
export function presentVersionLine(v: VersionRow) {
  const { body: _body, ...rest } = presentVersion(v);
  return rest;
}

export function presentHit(h: HighlightedHit, today: string) {
  const r = h.row;
  return {
    id: r.articleId,
    kind: r.kind,
    version: r.version,
    title: r.title,
    titleHtml: h.titleHtml,
    snippetHtml: h.snippetHtml,
    summary: r.summary,
    audience: r.audience,
    tags: r.tags,
    categoryId: r.categoryId,
    categoryName: r.categoryName,
    ownerDepartmentName: r.ownerDepartmentName,
    validFrom: r.validFrom,
    validTo: r.validTo,
    valid: validOn(r, today),
    publishedAt: iso(r.publishedAt),
    score: h.score,
  };
}

export function presentPublicHit(h: HighlightedHit) {
  const r = h.row;
  return { id: r.articleId, title: r.title, titleHtml: h.titleHtml, snippetHtml: h.snippetHtml, summary: r.summary, categoryName: r.categoryName, tags: r.tags, score: h.score };
}

export function presentPublicArticle(r: VersionRow) {
  return {
    id: r.articleId,
    title: r.title,
    summary: r.summary,
    body: r.body,
    categoryName: r.categoryName,
    tags: r.tags,
    validFrom: r.validFrom,
    validTo: r.validTo,
    updatedAt: iso(r.publishedAt),
  };
}

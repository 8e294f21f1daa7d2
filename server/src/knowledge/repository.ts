// SQL of the knowledge base. Every function takes a Queryable so it runs inside or outside a transaction.
import type { Queryable } from '../db/db.ts';
import { documentTokens } from '../search/tokenize.ts';
import { plainText } from './highlight.ts';
import type { Audience, KnowledgeKind, VersionStatus } from './schema.ts';

export interface ArticleFields {
  title: string;
  body: string;
  summary: string;
  categoryId: string | null;
  tags: string[];
  audience: Audience;
  validFrom: string | null;
  validTo: string | null;
  ownerDepartmentId: string | null;
}

export interface VersionRow extends ArticleFields {
  id: string;
  articleId: string;
  kind: KnowledgeKind;
  version: number;
  revision: number;
  status: VersionStatus;
  categoryName: string | null;
  ownerDepartmentName: string | null;
  authorId: string | null;
  authorName: string;
  contributorIds: string[];
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  reviewerId: string | null;
  reviewerName: string | null;
  reviewedAt: Date | null;
  reviewComment: string | null;
  publishedAt: Date | null;
  archivedAt: Date | null;
}

export interface Author {
  id: string;
  name: string;
}

const COLS = `v.id, v.article_id AS "articleId", a.kind, v.version, v.revision, v.status, v.title, v.summary, v.body,
  v.category_id AS "categoryId", c.full_name AS "categoryName", v.tags, v.audience,
  v.valid_from::text AS "validFrom", v.valid_to::text AS "validTo",
  v.owner_department_id AS "ownerDepartmentId", d.name AS "ownerDepartmentName",
  v.author_id AS "authorId", v.author_name AS "authorName", v.contributor_ids AS "contributorIds",
  v.created_at AS "createdAt", v.updated_at AS "updatedAt", v.submitted_at AS "submittedAt",
  v.reviewer_id AS "reviewerId", v.reviewer_name AS "reviewerName", v.reviewed_at AS "reviewedAt",
  v.review_comment AS "reviewComment", v.published_at AS "publishedAt", v.archived_at AS "archivedAt"`;

export const FROM = `knowledge_versions v JOIN knowledge_articles a ON a.id = v.article_id
  LEFT JOIN categories c ON c.id = v.category_id LEFT JOIN departments d ON d.id = v.owner_department_id`;

export const VERSION_COLS = COLS;

function vectors(f: ArticleFields): [string[], string[]] {
  const tags = f.tags.join(' ');
  return [documentTokens(f.title, tags, f.summary, plainText(f.body)), documentTokens(f.title)];
}

export async function insertArticle(q: Queryable, kind: KnowledgeKind, author: Author, now: Date): Promise<string> {
  const [r] = await q.query<{ id: string }>('INSERT INTO knowledge_articles (kind, created_by, created_by_name, created_at) VALUES ($1,$2,$3,$4) RETURNING id', [
    kind,
    author.id,
    author.name,
    now,
  ]);
  return r!.id;
}

export async function insertVersion(q: Queryable, articleId: string, version: number, f: ArticleFields, status: VersionStatus, author: Author, now: Date): Promise<string> {
  const [all, title] = vectors(f);
  const [r] = await q.query<{ id: string }>(
    `INSERT INTO knowledge_versions (article_id, version, status, title, summary, body, category_id, tags, audience, valid_from, valid_to,
       owner_department_id, author_id, author_name, contributor_ids, created_at, updated_at, search_vector, title_vector)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,ARRAY[$13]::uuid[],$15,$15,array_to_tsvector($16::text[]),array_to_tsvector($17::text[]))
     RETURNING id`,
    [articleId, version, status, f.title, f.summary, f.body, f.categoryId, f.tags, f.audience, f.validFrom, f.validTo, f.ownerDepartmentId, author.id, author.name, now, all, title],
  );
  return r!.id;
}

/** Saves new content into an open version, bumping its revision and noting the editor. */
export async function updateVersion(q: Queryable, versionId: string, f: ArticleFields, editor: Author, now: Date): Promise<void> {
  const [all, title] = vectors(f);
  await q.query(
    `UPDATE knowledge_versions SET title = $2, summary = $3, body = $4, category_id = $5, tags = $6, audience = $7, valid_from = $8, valid_to = $9,
       owner_department_id = $10, revision = revision + 1, updated_at = $11,
       contributor_ids = CASE WHEN $12::uuid = ANY(contributor_ids) THEN contributor_ids ELSE contributor_ids || $12::uuid END,
       search_vector = array_to_tsvector($13::text[]), title_vector = array_to_tsvector($14::text[])
     WHERE id = $1`,
    [versionId, f.title, f.summary, f.body, f.categoryId, f.tags, f.audience, f.validFrom, f.validTo, f.ownerDepartmentId, now, editor.id, all, title],
  );
}

export async function setStatus(
  q: Queryable,
  versionId: string,
  status: VersionStatus,
  now: Date,
  extra: { submitted?: boolean; reviewer?: Author; comment?: string | null; published?: boolean; archived?: boolean } = {},
): Promise<void> {
  await q.query(
    `UPDATE knowledge_versions SET status = $2, updated_at = $3,
       submitted_at = CASE WHEN $4 THEN $3 ELSE submitted_at END,
       reviewer_id = coalesce($5, reviewer_id), reviewer_name = coalesce($6, reviewer_name),
       reviewed_at = CASE WHEN $5::uuid IS NOT NULL THEN $3 ELSE reviewed_at END,
       review_comment = CASE WHEN $5::uuid IS NOT NULL THEN $7 ELSE review_comment END,
       published_at = CASE WHEN $8 THEN $3 ELSE published_at END,
       archived_at = CASE WHEN $9 THEN $3 ELSE archived_at END
     WHERE id = $1`,
    [versionId, status, now, extra.submitted ?? false, extra.reviewer?.id ?? null, extra.reviewer?.name ?? null, extra.comment ?? null, extra.published ?? false, extra.archived ?? false],
  );
}

/** Locks the article row so workflow steps on one article run one at a time; undefined when absent. */
export async function lockArticle(q: Queryable, articleId: string): Promise<{ kind: KnowledgeKind } | undefined> {
  const [r] = await q.query<{ kind: KnowledgeKind }>('SELECT kind FROM knowledge_articles WHERE id = $1 FOR UPDATE', [articleId]);
  return r;
}

export async function versions(q: Queryable, articleId: string): Promise<VersionRow[]> {
  return q.query<VersionRow>(`SELECT ${COLS} FROM ${FROM} WHERE v.article_id = $1 ORDER BY v.version DESC`, [articleId]);
}

export async function deleteVersion(q: Queryable, versionId: string): Promise<void> {
  await q.query('DELETE FROM knowledge_versions WHERE id = $1', [versionId]);
}

export async function deleteArticle(q: Queryable, articleId: string): Promise<void> {
  await q.query('DELETE FROM knowledge_articles WHERE id = $1', [articleId]);
}

export interface ListFilter {
  status?: VersionStatus;
  kind?: KnowledgeKind;
  contributorId?: string;
  ownerDepartmentId?: string;
  page: number;
  pageSize: number;
}

/** The newest version of each article in the given state (the editor's lists and the review queue). */
export async function list(q: Queryable, f: ListFilter): Promise<{ items: VersionRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (f.status) add((n) => `v.status = $${n}`, f.status);
  else where.push(`v.version = (SELECT max(x.version) FROM knowledge_versions x WHERE x.article_id = v.article_id)`);
  if (f.kind) add((n) => `a.kind = $${n}`, f.kind);
  if (f.contributorId) add((n) => `$${n}::uuid = ANY(v.contributor_ids)`, f.contributorId);
  if (f.ownerDepartmentId) add((n) => `v.owner_department_id = $${n}`, f.ownerDepartmentId);
  // An archived article may have several archived versions: show its newest only.
  if (f.status === 'archived') where.push(`NOT EXISTS (SELECT 1 FROM knowledge_versions y WHERE y.article_id = v.article_id AND y.status = 'archived' AND y.version > v.version)`);
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [{ n }] = (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${FROM} ${cond}`, params)) as [{ n: number }];
  const items = await q.query<VersionRow>(
    `SELECT ${COLS} FROM ${FROM} ${cond} ORDER BY v.updated_at DESC, v.id LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    params,
  );
  return { items, total: n };
}

export interface CandidateFilter {
  kind?: KnowledgeKind;
  audience?: Audience;
  categoryId?: string;
  tag?: string;
  /** YYYY-MM-DD: only versions valid on this date. */
  validOn?: string;
}

export interface Candidate extends VersionRow {
  tokens: string[];
  titleTokens: string[];
}

function publishedWhere(tsquery: string | null, f: CandidateFilter): { where: string; params: unknown[] } {
  const where = [`v.status = 'published'`];
  const params: unknown[] = [];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (tsquery) add((n) => `v.search_vector @@ $${n}::tsquery`, tsquery);
  if (f.kind) add((n) => `a.kind = $${n}`, f.kind);
  if (f.audience) add((n) => `v.audience = $${n}`, f.audience);
  if (f.categoryId) add((n) => `v.category_id = $${n}`, f.categoryId);
  if (f.tag) add((n) => `$${n} = ANY(v.tags)`, f.tag);
  if (f.validOn) add((n) => `(v.valid_from IS NULL OR v.valid_from <= $${n}::date) AND (v.valid_to IS NULL OR v.valid_to >= $${n}::date)`, f.validOn);
  return { where: where.join(' AND '), params };
}

/** Published versions matching the tsquery (or all of them when it is null), newest first, with their tokens for ranking. */
export async function candidates(q: Queryable, tsquery: string | null, f: CandidateFilter, limit: number, offset = 0): Promise<Candidate[]> {
  const { where, params } = publishedWhere(tsquery, f);
  const tokens = tsquery ? `, tsvector_to_array(v.search_vector) AS tokens, tsvector_to_array(v.title_vector) AS "titleTokens"` : `, '{}'::text[] AS tokens, '{}'::text[] AS "titleTokens"`;
  return q.query<Candidate>(`SELECT ${COLS}${tokens} FROM ${FROM} WHERE ${where} ORDER BY v.published_at DESC, v.id LIMIT ${limit} OFFSET ${offset}`, params);
}

export async function countPublished(q: Queryable, f: CandidateFilter): Promise<number> {
  const { where, params } = publishedWhere(null, f);
  const [r] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${FROM} WHERE ${where}`, params);
  return r?.n ?? 0;
}

export async function synonymGroups(q: Queryable): Promise<string[][]> {
  const rows = await q.query<{ terms: string[] }>('SELECT terms FROM knowledge_synonyms ORDER BY created_at, id');
  return rows.map((r) => r.terms);
}

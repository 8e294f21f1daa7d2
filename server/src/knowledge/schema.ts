// Request schemas of the knowledge API (validated by Fastify and documented in OpenAPI).
import { z } from 'zod';

export const KNOWLEDGE_KINDS = ['article', 'template'] as const;
export type KnowledgeKind = (typeof KNOWLEDGE_KINDS)[number];
export const AUDIENCES = ['public', 'internal'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const VERSION_STATUSES = ['draft', 'reviewing', 'published', 'archived'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

const id = z.string().uuid();
const date = z.iso.date();
const tag = z
  .string()
  .trim()
  .min(1)
  .max(20)
  // Control characters too: a NUL cannot be stored or compared in PostgreSQL text.
  .regex(/^[^,<>\u0000-\u001f\u007f]+$/, 'a tag may not contain commas, angle brackets or control characters');
const flag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true'));

export const articleFields = z
  .object({
    title: z.string().trim().min(2).max(120),
    body: z.string().trim().min(1).max(20000),
    summary: z.string().trim().max(500).optional(),
    categoryId: id.nullable().optional(),
    tags: z.array(tag).max(20).optional(),
    audience: z.enum(AUDIENCES),
    validFrom: date.nullable().optional(),
    validTo: date.nullable().optional(),
    ownerDepartmentId: id.nullable().optional(),
  })
  .strict();

export const createArticleBody = articleFields.extend({ kind: z.enum(KNOWLEDGE_KINDS).optional() }).strict();
export type CreateArticleBody = z.output<typeof createArticleBody>;

/** An edit names the version and revision it was made from, so a concurrent change is not lost. */
export const editArticleBody = articleFields.extend({ version: z.number().int().min(1).optional(), revision: z.number().int().min(1).optional() }).strict();
export type EditArticleBody = z.output<typeof editArticleBody>;

export const reviewBody = z
  .object({ approve: z.boolean(), comment: z.string().trim().max(1000).optional() })
  .strict()
  .refine((b) => b.approve || (b.comment && b.comment.length > 0), { message: 'a rejection needs a comment', path: ['comment'] });

export const archiveBody = z.object({ reason: z.string().trim().max(1000).optional() }).strict();

const page = {
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export const searchQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  kind: z.enum(KNOWLEDGE_KINDS).optional(),
  audience: z.enum(AUDIENCES).optional(),
  categoryId: id.optional(),
  tag: tag.optional(),
  /** Only articles valid today (default); `false` also shows expired and not-yet-valid ones. */
  validToday: flag,
  ...page,
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

export const publicSearchQuery = z.object({
  q: z.string().trim().max(200).optional(),
  categoryId: id.optional(),
  tag: tag.optional(),
  ...page,
});

export const listQuery = z.object({
  status: z.enum(VERSION_STATUSES).optional(),
  kind: z.enum(KNOWLEDGE_KINDS).optional(),
  /** Only versions the caller wrote or edited. */
  mine: flag,
  ...page,
});

export const suggestBody = z
  .object({
    text: z.string().trim().min(1).max(5000),
    categoryId: id.optional(),
    limit: z.number().int().min(1).max(10).optional(),
  })
  .strict();

export const askBody = z.object({ question: z.string().trim().min(1).max(1000) }).strict();

export const synonymBody = z
  .object({ terms: z.array(z.string().trim().min(1).max(30)).min(2).max(20) })
  .strict()
  .refine((b) => new Set(b.terms).size === b.terms.length, { message: 'terms must differ', path: ['terms'] });

export const botSettingsBody = z
  .object({
    /** The top article's score (0–1) from which the bot answers with it. */
    answerScore: z.number().min(0).max(1),
    /** Below this score nothing is good enough: hand over to a person. */
    minScore: z.number().min(0).max(1),
    /** A runner-up scoring at least this share of the top one makes the question ambiguous. */
    clarifyRatio: z.number().min(0).max(1),
  })
  .strict()
  .refine((b) => b.minScore <= b.answerScore, { message: 'minScore must not exceed answerScore', path: ['minScore'] });
export type BotSettings = z.output<typeof botSettingsBody>;

export const idParams = z.object({ id });
export const versionParams = z.object({ id, version: z.coerce.number().int().min(1).max(100000) });

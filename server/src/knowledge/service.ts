// The editorial workflow: draft → reviewing → published (→ archived). Editing a published article
// opens a new draft version; the published one stays live until a reviewer approves the new one,
// then it is archived in the same transaction. Every step writes an audit row in that transaction.
import type { Actor } from '../auth/actor.ts';
import type { Ctx } from '../context.ts';
import type { Queryable } from '../db/db.ts';
import { WorkCalendar } from '../calendar/workCalendar.ts';
import { AppError, errors } from '../errors.ts';
import * as repo from './repository.ts';
import { presentVersion, presentVersionLine, validOn } from './presenter.ts';
import { assertMayEdit, assertReviewer, isEditor, REVIEWER_ROLES } from './roles.ts';
import type { CreateArticleBody, EditArticleBody, KnowledgeKind, VersionStatus } from './schema.ts';

export const articleNotFound = () => new AppError('KNOWLEDGE_ARTICLE_NOT_FOUND', 'knowledge article not found');

const illegal = (action: string, status: string) =>
  new AppError('ILLEGAL_TRANSITION', `action ${action} is not allowed when the article's newest version is ${status}`, { action, status });

type Fields = Omit<CreateArticleBody, 'kind'>;

export class KnowledgeService {
  constructor(private readonly ctx: Ctx) {}

  today(): string {
    return WorkCalendar.localDate(this.ctx.clock.now());
  }

  async create(actor: Actor, body: CreateArticleBody, ip?: string) {
    const f = await this.fields(actor, body);
    assertMayEdit(actor, f.ownerDepartmentId);
    const now = this.ctx.clock.now();
    const id = await this.ctx.db.tx(async (q) => {
      const id = await repo.insertArticle(q, body.kind ?? 'article', author(actor), now);
      await repo.insertVersion(q, id, 1, f, 'draft', author(actor), now);
      await this.audit(q, actor, 'knowledge.create', id, { version: 1, kind: body.kind ?? 'article', title: f.title }, ip);
      return id;
    });
    return this.get(actor, id);
  }

  /** Saves into the open draft, or opens a new draft version from the newest one. */
  async edit(actor: Actor, id: string, body: EditArticleBody, ip?: string) {
    const f = await this.fields(actor, body);
    const now = this.ctx.clock.now();
    await this.ctx.db.tx(async (q) => {
      const { open, newest, all } = await this.load(q, id);
      assertMayEdit(actor, (open ?? newest).ownerDepartmentId);
      assertMayEdit(actor, f.ownerDepartmentId);
      if (open?.status === 'reviewing') throw illegal('edit', 'reviewing');
      const base = open ?? all.find((v) => v.status === 'published') ?? newest;
      if (body.version !== undefined && body.version !== base.version) throw stale(body.version, base.version);
      if (open) {
        if (body.revision !== undefined && body.revision !== open.revision) throw stale(body.revision, open.revision, 'revision');
        await repo.updateVersion(q, open.id, f, author(actor), now);
        await this.audit(q, actor, 'knowledge.edit', id, { version: open.version, revision: open.revision + 1 }, ip);
      } else {
        await repo.insertVersion(q, id, newest.version + 1, f, 'draft', author(actor), now);
        await this.audit(q, actor, 'knowledge.edit', id, { version: newest.version + 1, from: base.version }, ip);
      }
    });
    return this.get(actor, id);
  }

  async submit(actor: Actor, id: string, ip?: string) {
    const now = this.ctx.clock.now();
    await this.ctx.db.tx(async (q) => {
      const { open, newest } = await this.load(q, id);
      assertMayEdit(actor, (open ?? newest).ownerDepartmentId);
      if (open?.status !== 'draft') throw illegal('submit', open?.status ?? newest.status);
      await repo.setStatus(q, open.id, 'reviewing', now, { submitted: true });
      await this.audit(q, actor, 'knowledge.submit', id, { version: open.version }, ip);
    });
    return this.get(actor, id);
  }

  async review(actor: Actor, id: string, approve: boolean, comment: string | undefined, ip?: string) {
    assertReviewer(actor);
    const now = this.ctx.clock.now();
    await this.ctx.db.tx(async (q) => {
      const { open, newest, all } = await this.load(q, id);
      if (open?.status !== 'reviewing') throw illegal('review', open?.status ?? newest.status);
      if (open.contributorIds.includes(actor.id)) {
        throw new AppError('SELF_REVIEW_FORBIDDEN', 'you wrote or edited this version: another reviewer must approve or reject it', { version: open.version });
      }
      const reviewer = author(actor);
      if (approve) {
        // The old live version is archived first: at most one version may be published.
        const live = all.find((v) => v.status === 'published');
        if (live) await repo.setStatus(q, live.id, 'archived', now, { archived: true });
        await repo.setStatus(q, open.id, 'published', now, { reviewer, comment: comment ?? null, published: true });
      } else {
        await repo.setStatus(q, open.id, 'draft', now, { reviewer, comment: comment ?? null });
      }
      await this.audit(q, actor, approve ? 'knowledge.approve' : 'knowledge.reject', id, { version: open.version, comment: comment ?? null }, ip);
    });
    return this.get(actor, id);
  }

  /** Takes the live version off the air (an expired policy, a withdrawn service). */
  async archive(actor: Actor, id: string, reason: string | undefined, ip?: string) {
    assertReviewer(actor);
    const now = this.ctx.clock.now();
    await this.ctx.db.tx(async (q) => {
      const { all, newest } = await this.load(q, id);
      const live = all.find((v) => v.status === 'published');
      if (!live) throw illegal('archive', newest.status);
      await repo.setStatus(q, live.id, 'archived', now, { archived: true });
      await this.audit(q, actor, 'knowledge.archive', id, { version: live.version, reason: reason ?? null }, ip);
    });
    return this.get(actor, id);
  }

  /** Throws away an open draft; an article that never had anything else goes with it. */
  async discardDraft(actor: Actor, id: string, ip?: string): Promise<{ deleted: boolean }> {
    return this.ctx.db.tx(async (q) => {
      const { open, newest, all } = await this.load(q, id);
      assertMayEdit(actor, (open ?? newest).ownerDepartmentId);
      if (open?.status !== 'draft') throw illegal('discard', open?.status ?? newest.status);
      await this.audit(q, actor, 'knowledge.discard', id, { version: open.version }, ip);
      if (all.length === 1) {
        await repo.deleteArticle(q, id);
        return { deleted: true };
      }
      await repo.deleteVersion(q, open.id);
      return { deleted: false };
    });
  }

  /** The article as the caller may see it: readers get the live version only. */
  async get(actor: Actor, id: string) {
    const all = await repo.versions(this.ctx.db, id);
    const live = all.find((v) => v.status === 'published') ?? null;
    const open = all.find((v) => v.status === 'draft' || v.status === 'reviewing') ?? null;
    const editor = isEditor(actor);
    if (!all.length || (!live && !editor)) throw articleNotFound();
    const newest = all[0]!;
    const mayEdit = editor && canEdit(actor, (open ?? newest).ownerDepartmentId);
    const reviewer = REVIEWER_ROLES.includes(actor.role);
    return {
      id,
      kind: newest.kind as KnowledgeKind,
      status: (open ?? live ?? newest).status as VersionStatus,
      valid: live ? validOn(live, this.today()) : null,
      live: live ? presentVersion(live) : null,
      draft: editor && open ? presentVersion(open) : null,
      permissions: {
        edit: mayEdit && open?.status !== 'reviewing',
        submit: mayEdit && open?.status === 'draft',
        discard: mayEdit && open?.status === 'draft',
        review: reviewer && open?.status === 'reviewing' && !open.contributorIds.includes(actor.id),
        archive: reviewer && Boolean(live),
      },
    };
  }

  async history(actor: Actor, id: string) {
    if (!isEditor(actor)) throw errors.forbidden('the version history is for knowledge editors');
    const all = await repo.versions(this.ctx.db, id);
    if (!all.length) throw articleNotFound();
    return all.map(presentVersionLine);
  }

  async version(actor: Actor, id: string, version: number) {
    if (!isEditor(actor)) throw errors.forbidden('earlier versions are for knowledge editors');
    const v = (await repo.versions(this.ctx.db, id)).find((x) => x.version === version);
    if (!v) throw new AppError('KNOWLEDGE_ARTICLE_NOT_FOUND', `version ${version} of the article not found`);
    return presentVersion(v);
  }

  async list(actor: Actor, f: { status?: VersionStatus; kind?: KnowledgeKind; mine?: boolean; page: number; pageSize: number }) {
    if (!isEditor(actor)) throw errors.forbidden('the editor lists are for knowledge editors');
    const r = await repo.list(this.ctx.db, { status: f.status, kind: f.kind, contributorId: f.mine ? actor.id : undefined, page: f.page, pageSize: f.pageSize });
    return { items: r.items.map(presentVersionLine), total: r.total, page: f.page, pageSize: f.pageSize };
  }

  /** Locks the article and loads its versions, newest first; 404 when it does not exist. */
  private async load(q: Queryable, id: string) {
    if (!(await repo.lockArticle(q, id))) throw articleNotFound();
    const all = await repo.versions(q, id);
    const open = all.find((v) => v.status === 'draft' || v.status === 'reviewing');
    return { all, open, newest: all[0]! };
  }

  /** Normalises the fields and checks what they refer to (before any transaction: PGlite has one connection). */
  private async fields(actor: Actor, b: Fields): Promise<repo.ArticleFields> {
    if (b.validFrom && b.validTo && b.validTo < b.validFrom) throw errors.validation({ validFrom: b.validFrom, validTo: b.validTo }, 'validTo is before validFrom');
    if (b.categoryId) {
      const [c] = await this.ctx.db.query('SELECT 1 FROM categories WHERE id = $1', [b.categoryId]);
      if (!c) throw new AppError('CATEGORY_NOT_FOUND', 'category not found', { categoryId: b.categoryId });
    }
    // A department leader's articles belong to their department unless they say otherwise (and they may not).
    const owner = b.ownerDepartmentId === undefined && actor.role === 'dept_leader' ? actor.departmentId : (b.ownerDepartmentId ?? null);
    if (owner) {
      const [d] = await this.ctx.db.query('SELECT 1 FROM departments WHERE id = $1', [owner]);
      if (!d) throw new AppError('DEPARTMENT_NOT_FOUND', 'department not found', { ownerDepartmentId: owner });
    }
    return {
      title: b.title,
      body: b.body,
      summary: b.summary ?? '',
      categoryId: b.categoryId ?? null,
      tags: [...new Set(b.tags ?? [])],
      audience: b.audience,
      validFrom: b.validFrom ?? null,
      validTo: b.validTo ?? null,
      ownerDepartmentId: owner,
    };
  }

  private audit(q: Queryable, actor: Actor, action: string, id: string, detail: unknown, ip?: string) {
    return this.ctx.audit.append(q, { actorId: actor.id, actorName: actor.username, action, entity: 'knowledge', entityId: id, detail, ip: ip ?? null });
  }
}

function author(actor: Actor): repo.Author {
  return { id: actor.id, name: actor.displayName };
}

function canEdit(actor: Actor, owner: string | null): boolean {
  try {
    assertMayEdit(actor, owner);
    return true;
  } catch {
    return false;
  }
}

function stale(expected: number, actual: number, what = 'version') {
  return new AppError('STALE_VERSION', `the article was changed by someone else (${what} ${actual}, you edited ${expected}); reload it`, { expected, actual, what });
}

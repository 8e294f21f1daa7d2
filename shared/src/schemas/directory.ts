import { z } from 'zod';
import { APPEAL_TYPES, DEPARTMENT_KINDS, ROLES, URGENCIES } from '../enums.ts';

const id = z.string().uuid();

export const departmentBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    parentId: id.nullable().optional(),
    kind: z.enum(DEPARTMENT_KINDS),
    phone: z.string().trim().max(40).optional(),
    dutyScope: z.string().trim().max(2000).optional(),
    /** The district this unit belongs to (for district centers, streets and communities). */
    districtId: id.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const userBody = z
  .object({
    username: z.string().trim().regex(/^[a-zA-Z0-9_.-]{2,32}$/),
    displayName: z.string().trim().min(1).max(50),
    role: z.enum(ROLES),
    departmentId: id,
    password: z.string().min(10).max(128).optional(),
    phone: z.string().trim().max(20).optional(),
    extension: z.string().regex(/^[0-9]{3,6}$/).optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const categoryBody = z
  .object({ name: z.string().trim().min(1).max(40), parentId: id.nullable().optional(), active: z.boolean().optional() })
  .strict();

export const catalogueEntryBody = z
  .object({
    categoryId: id,
    /** null means "any district". */
    districtId: id.nullable().optional(),
    departmentId: id,
    assistingDepartmentIds: z.array(id).max(10).optional(),
    priority: z.number().int().min(0).max(1000).default(100),
    note: z.string().trim().max(500).optional(),
  })
  .strict();

export const deadlineRuleBody = z
  .object({
    type: z.enum(APPEAL_TYPES),
    urgency: z.enum(URGENCIES),
    /** Time to accept, in working hours (0.5 = 30 minutes). */
    acceptHours: z.number().min(0.1).max(240),
    /** Time to handle; working days unless `handleUnit` is hours. */
    handleAmount: z.number().min(0.1).max(365),
    handleUnit: z.enum(['workdays', 'hours']),
    /** Warn when this fraction of the handling time has elapsed. */
    warnRatio: z.number().min(0.1).max(0.99).default(0.8),
  })
  .strict();

export const holidayBody = z
  .object({
    date: z.iso.date(),
    /** holiday = day off; workday = make-up workday (调休上班) on a weekend. */
    kind: z.enum(['holiday', 'workday']),
    name: z.string().trim().min(1).max(40),
  })
  .strict();

export const apiKeyBody = z.object({ name: z.string().trim().min(1).max(60), role: z.enum(ROLES), departmentId: id }).strict();

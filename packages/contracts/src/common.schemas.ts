import { z } from 'zod';
import { LANGUAGES, ROLES } from './constants';

export { LANGUAGES, ROLES, type Language, type Role } from './constants';

export const languageSchema = z.enum(LANGUAGES);
export const roleSchema = z.enum(ROLES);

export const idSchema = z.string().min(1).max(64);
export const idParamsSchema = z.strictObject({ id: idSchema });
export const isoInstantSchema = z.string();
export const businessDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const pageQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  sort: z.string().max(64).optional(),
  q: z.string().max(200).optional(),
});

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

export const okSchema = z.object({ ok: z.literal(true) });

import { z } from 'zod';
import { languageSchema, roleSchema, pageQuerySchema, isoInstantSchema } from './common.schemas';

export const usernameSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only');
export const passwordSchema = z.string().min(8).max(200);

export const loginBodySchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  language: languageSchema,
  roles: z.array(roleSchema),
  active: z.boolean(),
  customerId: z.string().nullable(),
  version: z.number().int(),
  createdAt: isoInstantSchema,
  updatedAt: isoInstantSchema,
});
export type User = z.infer<typeof userSchema>;

/** `GET /api/auth/me` and the login response. */
export const meSchema = userSchema.extend({
  /** Where the session came from: a browser session cookie or an API token. */
  authMethod: z.enum(['session', 'token']),
});
export type Me = z.infer<typeof meSchema>;

export const updateMeBodySchema = z.strictObject({
  language: languageSchema.optional(),
  displayName: z.string().min(1).max(100).optional(),
  email: z.email().nullable().optional(),
});

export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
});

export const createUserBodySchema = z.strictObject({
  username: usernameSchema,
  password: passwordSchema,
  displayName: z.string().min(1).max(100),
  roles: z.array(roleSchema).min(1).max(12),
  language: languageSchema.optional(),
  email: z.email().nullable().optional(),
  customerId: z.string().min(1).max(64).nullable().optional(),
});
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

export const updateUserBodySchema = z.strictObject({
  version: z.number().int().min(1),
  displayName: z.string().min(1).max(100).optional(),
  email: z.email().nullable().optional(),
  roles: z.array(roleSchema).min(1).max(12).optional(),
  language: languageSchema.optional(),
  active: z.boolean().optional(),
  customerId: z.string().min(1).max(64).nullable().optional(),
  password: passwordSchema.optional(),
});
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

export const listUsersQuerySchema = pageQuerySchema.extend({
  role: roleSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const apiTokenSchema = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: isoInstantSchema,
  lastUsedAt: isoInstantSchema.nullable(),
  revokedAt: isoInstantSchema.nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createTokenBodySchema = z.strictObject({
  userId: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
});
/** Returned once, at creation: the only time the secret is shown. */
export const createdTokenSchema = apiTokenSchema.extend({ token: z.string() });

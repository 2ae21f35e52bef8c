import type { Language, Role } from '@gendan/contracts';

/** The signed-in user, as every route and service sees it. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  language: Language;
  customerId: string | null;
  authMethod: 'session' | 'token';
  sessionId: string | null;
}

/** Who is acting, passed to services so that the audit row names them. */
export interface ActionContext {
  actor: Pick<AuthUser, 'id' | 'username'> | null;
  requestId: string | null;
}

export const systemContext: ActionContext = { actor: null, requestId: null };

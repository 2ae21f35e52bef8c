/** Query keys shared between features. */
export const qk = {
  me: ['me'] as const,
  settings: ['settings'] as const,
  system: ['system'] as const,
  users: ['users'] as const,
  tokens: ['tokens'] as const,
};

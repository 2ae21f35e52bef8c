import { useQuery } from '@tanstack/react-query';
import type { Me } from '@gendan/contracts';
import { api } from './client';
import { qk } from './keys';

/** The signed-in user, or a 401 ApiError. The layout redirects to /login itself, so no global redirect. */
export function useMe() {
  return useQuery({
    queryKey: qk.me,
    queryFn: ({ signal }) => api.get<Me>('/api/auth/me', undefined, { signal, redirectOn401: false }),
    staleTime: 5 * 60_000,
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiToken, createdTokenSchema } from '@gendan/contracts';
import { api } from '../../api/client';
import { qk } from '../../api/keys';

/** `POST /api/tokens`: the token row plus its secret, shown once. */
export type CreatedToken = ReturnType<typeof createdTokenSchema.parse>;

export function useTokens() {
  return useQuery({
    queryKey: qk.tokens,
    queryFn: ({ signal }) => api.get<ApiToken[]>('/api/tokens', undefined, { signal }),
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { userId: string; name: string }) => api.post<CreatedToken>('/api/tokens', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: qk.tokens }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/api/tokens/${encodeURIComponent(id)}`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: qk.tokens }),
  });
}

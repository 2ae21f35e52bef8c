import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUserBody, Role, UpdateUserBody, User } from '@gendan/contracts';
import { api } from '../../api/client';
import { qk } from '../../api/keys';

export interface UserListParams {
  page: number;
  pageSize: number;
  q?: string;
  role?: Role;
  active?: 'true' | 'false';
}

export interface Page<T> {
  items: T[];
  total: number;
}

export function useUsers(params: UserListParams) {
  return useQuery({
    queryKey: [...qk.users, 'list', params],
    queryFn: ({ signal }) => api.get<Page<User>>('/api/users', { ...params }, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every user, for pickers (the API caps a page at 500). */
export function useAllUsers() {
  return useQuery({
    queryKey: [...qk.users, 'all'],
    queryFn: ({ signal }) => api.get<Page<User>>('/api/users', { pageSize: 500 }, { signal }),
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api.post<User>('/api/users', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: qk.users }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUserBody }) =>
      api.patch<User>(`/api/users/${encodeURIComponent(id)}`, body),
    // On success and on a 409 (stale version) alike, reload the list so the drawer gets the latest version.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: qk.users });
      void queryClient.invalidateQueries({ queryKey: qk.me });
    },
  });
}

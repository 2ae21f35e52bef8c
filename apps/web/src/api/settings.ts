import { useQuery } from '@tanstack/react-query';
import type { settingsResponseSchema } from '@gendan/contracts';
import { api } from './client';
import { qk } from './keys';

/** `GET /api/settings`: the settings plus their version (for optimistic concurrency). */
export type SettingsResponse = ReturnType<typeof settingsResponseSchema.parse>;

export function useSettings() {
  return useQuery({
    queryKey: qk.settings,
    queryFn: ({ signal }) => api.get<SettingsResponse>('/api/settings', undefined, { signal }),
    staleTime: 5 * 60_000,
  });
}

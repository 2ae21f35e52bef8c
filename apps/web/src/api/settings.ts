import { useQuery } from '@tanstack/react-query';
import type { Settings } from '@gendan/contracts';
import { api } from './client';
import { qk } from './keys';

export type SettingsResponse = Settings & { version: number };

export function useSettings() {
  return useQuery({
    queryKey: qk.settings,
    queryFn: ({ signal }) => api.get<SettingsResponse>('/api/settings', undefined, { signal }),
    staleTime: 5 * 60_000,
  });
}

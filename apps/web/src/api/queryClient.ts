import { MutationCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';
import { notifyError } from './notify';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** The component shows the error itself; skip the global error toast. */
      silentError?: boolean;
    };
  }
}

function shouldRetry(failureCount: number, error: unknown): boolean {
  // Client errors (4xx) will not get better by retrying.
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry, staleTime: 30_000 },
    mutations: { retry: false },
  },
  mutationCache: new MutationCache({
    onError: (error, _variables, _result, mutation) => {
      if (mutation.meta?.silentError) return;
      notifyError(error);
    },
  }),
});

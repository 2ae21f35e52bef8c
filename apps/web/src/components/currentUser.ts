import { createContext, useContext } from 'react';
import type { Me } from '@gendan/contracts';

export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only valid below the signed-in layout. */
export function useCurrentUser(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useCurrentUser() used outside the signed-in layout');
  return me;
}

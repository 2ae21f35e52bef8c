import { Suspense, type ReactNode } from 'react';
import { PageSpin } from './PageSpin';

/** Each route's page is code-split; this is its Suspense boundary. */
export function LazyPage({ children, fullScreen }: { children: ReactNode; fullScreen?: boolean }) {
  return <Suspense fallback={<PageSpin fullScreen={fullScreen} />}>{children}</Suspense>;
}

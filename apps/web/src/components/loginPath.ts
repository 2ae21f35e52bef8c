/** Where to send an anonymous visitor: the login page, remembering where they were going. */
export function loginPath(pathname: string, search = ''): string {
  const next = pathname + search;
  return next === '/' || pathname === '/login' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/** A safe post-login target: a same-site absolute path, never another origin or the login page. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/login' || next.startsWith('/login?')) return '/';
  return next;
}

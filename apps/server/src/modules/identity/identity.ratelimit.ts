/** Login throttling: the 11th failure for one username and IP within 15 minutes gets 429. */
export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_WINDOW_MINUTES = 15;

export function windowStart(nowMs: number): string {
  return new Date(nowMs - LOGIN_WINDOW_MINUTES * 60_000).toISOString();
}

/** Whether another attempt is allowed, given the failures counted inside the window. */
export function loginAllowed(recentFailures: number): boolean {
  return recentFailures < LOGIN_MAX_FAILURES;
}

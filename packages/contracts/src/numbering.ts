/**
 * Document-number patterns, shared by the server (which issues numbers) and the web (which shows
 * an example while an admin edits a pattern). Zod-free: `@gendan/contracts/numbering`.
 * `{yyyy}`, `{yy}`, `{MM}`, `{dd}` and `{seq:N}` are replaced; everything else is literal.
 */
export interface DateParts {
  yyyy: string;
  MM: string;
  dd: string;
}

const TOKEN = /\{(yyyy|yy|MM|dd|seq(?::(\d{1,2}))?)\}/g;

/**
 * The counter period of a pattern: the date tokens it holds, so that `SO{yyyy}{MM}-{seq}`
 * restarts every month and `INV-{seq:6}` never restarts.
 */
export function periodKey(pattern: string, parts: DateParts): string {
  const keys: string[] = [];
  if (pattern.includes('{yyyy}') || pattern.includes('{yy}')) keys.push(parts.yyyy);
  if (pattern.includes('{MM}')) keys.push(parts.MM);
  if (pattern.includes('{dd}')) keys.push(parts.dd);
  return keys.join('-') || 'all';
}

export function formatNumber(pattern: string, parts: DateParts, seq: number): string {
  return pattern.replace(TOKEN, (_m, token: string, width?: string) => {
    switch (token) {
      case 'yyyy':
        return parts.yyyy;
      case 'yy':
        return parts.yyyy.slice(2);
      case 'MM':
        return parts.MM;
      case 'dd':
        return parts.dd;
      default:
        return String(seq).padStart(width ? Number(width) : 1, '0');
    }
  });
}

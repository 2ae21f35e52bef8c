import zhCN from 'zod/v4/locales/zh-CN.js';
import type { Language } from '@gendan/contracts';

interface IssueLike {
  code?: string;
  message: string;
  expected?: unknown;
  path?: readonly PropertyKey[];
}

const zh = zhCN().localeError as (issue: unknown) => string | { message: string } | undefined;

const TYPE_ZH: Record<string, string> = {
  string: '字符串',
  number: '数字',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  undefined: '空(未填写)',
  null: '空值(null)',
  int: '整数',
  bigint: '整数',
};

/**
 * Zod produces English messages. For zh-CN, rebuild the message from the issue with Zod's own
 * zh-CN locale; custom messages written in this code base are kept as they are.
 */
export function translateIssue(issue: IssueLike, lang: Language): string {
  if (lang === 'en' || issue.code === 'custom') return issue.message;
  if (issue.code === 'invalid_type') {
    const received = /received (\w+)/.exec(issue.message)?.[1] ?? 'undefined';
    const expected = String(issue.expected);
    return `类型无效：应为${TYPE_ZH[expected] ?? expected}，实际为${TYPE_ZH[received] ?? received}`;
  }
  if (issue.code === 'invalid_format' && !issue.message.startsWith('Invalid')) return issue.message;
  const out = zh(issue);
  if (typeof out === 'string') return out;
  return out?.message ?? issue.message;
}

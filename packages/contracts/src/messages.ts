import type { Language } from './common.schemas';

/**
 * The error catalogue: every error code the API returns, with its HTTP status and its message in
 * both languages. `{name}` placeholders are filled from the error's params.
 */
export const ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    'zh-CN': '请求数据无效：{summary}',
    en: 'The request is invalid: {summary}',
  },
  BAD_JSON: { status: 400, 'zh-CN': '请求正文不是有效的 JSON', en: 'The request body is not valid JSON' },
  BAD_REQUEST: { status: 400, 'zh-CN': '请求无效：{reason}', en: 'Bad request: {reason}' },
  UNAUTHENTICATED: { status: 401, 'zh-CN': '请先登录', en: 'Please sign in first' },
  INVALID_CREDENTIALS: { status: 401, 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  WRONG_PASSWORD: { status: 400, 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  FORBIDDEN: {
    status: 403,
    'zh-CN': '您没有执行此操作的权限',
    en: 'You do not have permission to do this',
  },
  CSRF_REJECTED: {
    status: 403,
    'zh-CN': '请求来源不可信，已拒绝（CSRF 保护）',
    en: 'The request came from an untrusted origin and was refused (CSRF protection)',
  },
  NOT_FOUND: { status: 404, 'zh-CN': '{entity}不存在', en: '{entity} not found' },
  ROUTE_NOT_FOUND: { status: 404, 'zh-CN': '接口不存在：{route}', en: 'No such endpoint: {route}' },
  METHOD_NOT_ALLOWED: { status: 405, 'zh-CN': '不支持该请求方法', en: 'Method not allowed' },
  VERSION_CONFLICT: {
    status: 409,
    'zh-CN': '数据已被他人修改（当前版本 {current}，您提交的版本 {sent}），请刷新后重试',
    en: 'Someone else changed this record (current version {current}, you sent {sent}); reload and try again',
  },
  USERNAME_TAKEN: { status: 409, 'zh-CN': '用户名 {username} 已存在', en: 'Username {username} is taken' },
  LAST_ADMIN: {
    status: 409,
    'zh-CN': '不能移除最后一个有效的系统管理员',
    en: 'The last active administrator cannot be removed',
  },
  IDEMPOTENCY_IN_FLIGHT: {
    status: 409,
    'zh-CN': '相同幂等键的请求仍在处理中，请稍后重试',
    en: 'A request with the same Idempotency-Key is still being processed; retry later',
  },
  IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    'zh-CN': 'Idempotency-Key 请求头须为 1–200 个字符',
    en: 'The Idempotency-Key header must be 1–200 characters long',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    'zh-CN': '该幂等键已用于内容不同的请求',
    en: 'This Idempotency-Key was already used with a different request body',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    'zh-CN': '文件或请求过大，上限为 {limit}',
    en: 'The file or request is too large; the limit is {limit}',
  },
  FILE_UNPACKS_TOO_LARGE: {
    status: 413,
    'zh-CN': '文件解压后超过 {limit}，无法读取',
    en: 'The file unpacks to more than {limit}, too much to read',
  },
  AMOUNT_TOO_LARGE: {
    status: 400,
    'zh-CN': '金额过大：{where} 超过系统上限 {limit}（最小货币单位）',
    en: 'Amount too large: {where} exceeds the limit of {limit} minor units',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    'zh-CN': '不支持的文件或内容类型：{type}',
    en: 'Unsupported file or content type: {type}',
  },
  RATE_LIMITED: {
    status: 429,
    'zh-CN': '尝试次数过多，请在 {minutes} 分钟后重试',
    en: 'Too many attempts; try again in {minutes} minutes',
  },
  MALFORMED_MULTIPART: {
    status: 400,
    'zh-CN': '上传数据格式错误（multipart 数据不完整或无效）',
    en: 'The upload is malformed (incomplete or invalid multipart data)',
  },
  FILE_REQUIRED: {
    status: 400,
    'zh-CN': '请选择要上传的文件（文件不能为空）',
    en: 'Choose a file to upload (it must not be empty)',
  },
  UNKNOWN_ENTITY_TYPE: {
    status: 400,
    'zh-CN': '未知的关联对象类型：{entityType}',
    en: 'Unknown entity type: {entityType}',
  },
  INTERNAL: {
    status: 500,
    'zh-CN': '服务器内部错误，请稍后重试（请求号 {requestId}）',
    en: 'Internal server error; please try again later (request {requestId})',
  },
  INVALID_FIELD: {
    status: 400,
    'zh-CN': '{path}：{reasonZh}',
    en: '{path}: {reasonEn}',
  },
  INVALID_REFERENCE: {
    status: 400,
    'zh-CN': '{path}：{entity} {value} 不存在或不可用',
    en: '{path}: {entity} {value} does not exist or is not usable',
  },
  CODE_TAKEN: {
    status: 409,
    'zh-CN': '{entity}编码 {code} 已存在',
    en: '{entity} code {code} already exists',
  },
  ORDER_NOT_EDITABLE: {
    status: 409,
    'zh-CN': '订单当前状态为「{statusZh}」，不能修改',
    en: 'The order is {statusEn} and can no longer be changed',
  },
  INVALID_TRANSITION: {
    status: 409,
    'zh-CN': '订单不能从「{fromZh}」变为「{toZh}」',
    en: 'The order cannot go from {fromEn} to {toEn}',
  },
  REVIEW_BLOCKED: {
    status: 409,
    'zh-CN': '订单有 {count} 条阻断性审核问题未处理，不能批准',
    en: 'The order has {count} open blocking findings and cannot be approved',
  },
  OVERRIDE_NOT_ALLOWED: {
    status: 403,
    'zh-CN': '只有主管可以豁免阻断性审核问题',
    en: 'Only a manager may override a blocking finding',
  },
  IMPORT_INVALID: {
    status: 422,
    'zh-CN': '文件有 {count} 处错误，未导入任何数据',
    en: 'The file has {count} errors; nothing was imported',
  },
  FILE_UNREADABLE: {
    status: 400,
    'zh-CN': '无法读取文件（{format}）：{reason}',
    en: 'The file could not be read as {format}: {reason}',
  },
  AGREEMENT_STATUS_CHANGE: {
    status: 409,
    'zh-CN': '{entity}状态不能从「{fromZh}」改为「{toZh}」',
    en: 'The {entity} cannot go from {from} to {to}',
  },
  IMPORT_CONFLICT: {
    status: 409,
    'zh-CN': '导入期间数据已被他人修改，未导入任何数据；请重新预览后再导入',
    en: 'The data changed while the file was being imported; nothing was imported. Preview the file again and retry',
  },
  EXPORT_TOO_LARGE: {
    status: 400,
    'zh-CN': '导出结果超过 {limit} 行，请缩小筛选范围',
    en: 'The export has more than {limit} rows; narrow the filter',
  },
  DB_UNAVAILABLE: {
    status: 503,
    'zh-CN': '数据库暂不可用，请稍后重试',
    en: 'The database is unavailable; try again later',
  },
} as const satisfies Record<string, { status: number; 'zh-CN': string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** Names of entities, used in NOT_FOUND and elsewhere. */
export const ENTITY_NAMES: Record<string, { 'zh-CN': string; en: string }> = {
  user: { 'zh-CN': '用户', en: 'User' },
  api_token: { 'zh-CN': 'API 令牌', en: 'API token' },
  document: { 'zh-CN': '文档', en: 'Document' },
  settings: { 'zh-CN': '设置', en: 'Settings' },
  record: { 'zh-CN': '记录', en: 'Record' },
  customer: { 'zh-CN': '客户', en: 'Customer' },
  product: { 'zh-CN': '产品', en: 'Product' },
  agreement: { 'zh-CN': '价格协议', en: 'Agreement' },
  contract: { 'zh-CN': '合同', en: 'Contract' },
  price_list: { 'zh-CN': '价格表', en: 'Price list' },
  quotation: { 'zh-CN': '报价单', en: 'Quotation' },
  order: { 'zh-CN': '订单', en: 'Order' },
  finding: { 'zh-CN': '审核问题', en: 'Finding' },
};

export function formatMessage(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = params[name];
    if (v === undefined || v === null) return '';
    return typeof v === 'object' ? JSON.stringify(v) : `${v as string | number | boolean}`;
  });
}

export function errorMessage(code: string, lang: Language, params: Record<string, unknown> = {}): string {
  const entry = (ERRORS as Record<string, { 'zh-CN': string; en: string } | undefined>)[code];
  if (!entry) return code;
  const p: Record<string, unknown> = { ...params };
  if (typeof p.entity === 'string') p.entity = ENTITY_NAMES[p.entity]?.[lang] ?? p.entity;
  return formatMessage(entry[lang], p);
}

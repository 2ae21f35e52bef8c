import dayjs from 'dayjs';

/** Codes of customers and agreements: the server's `codeSchema` (letters, digits, . _ -). */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** ISO 4217 currency code. */
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/** An instant in the browser's time, e.g. `2026-11-27 14:05`. */
export const formatTime = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

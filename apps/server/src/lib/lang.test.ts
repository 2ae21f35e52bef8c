import { describe, expect, it } from 'vitest';
import { languageFromHeader } from './lang';

describe('languageFromHeader', () => {
  it('defaults to zh-CN', () => {
    expect(languageFromHeader(undefined)).toBe('zh-CN');
    expect(languageFromHeader('fr-FR')).toBe('zh-CN');
  });
  it('picks the best supported language by q-value', () => {
    expect(languageFromHeader('en-US,en;q=0.9')).toBe('en');
    expect(languageFromHeader('fr;q=1, en;q=0.5, zh;q=0.8')).toBe('zh-CN');
    expect(languageFromHeader('zh-TW;q=0, en')).toBe('en');
  });
});

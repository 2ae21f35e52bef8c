import { describe, expect, it } from 'vitest';
import { formatBytes } from './bytes';

describe('formatBytes', () => {
  it('gives megabytes with at most one decimal from 1 MB up, bytes below', () => {
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
    expect(formatBytes(1.25 * 1024 * 1024)).toBe('1.3 MB');
    expect(formatBytes(1024 * 1024)).toBe('1 MB');
    expect(formatBytes(1000)).toBe('1000 B');
  });
});

import { describe, expect, it } from 'vitest';
import { containsPattern } from './helpers';

describe('containsPattern', () => {
  it('escapes LIKE wildcards', () => {
    expect(containsPattern('a%b_c!')).toBe('%a!%b!_c!!%');
    expect(containsPattern('plain')).toBe('%plain%');
  });
});

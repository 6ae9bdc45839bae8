import { describe, expect, it } from 'vitest';
import { shortTokens } from './context.svelte';

describe('shortTokens', () => {
  it('writes counts as the composer shows them', () => {
    expect([0, 950, 1000, 1234, 9960, 12_345, 999_499, 1_500_000].map(shortTokens)).toEqual([
      '0', '950', '1k', '1.2k', '10k', '12k', '999k', '1.5M',
    ]);
  });
});

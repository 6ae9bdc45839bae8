import { describe, expect, it } from 'vitest';
import { snippetParts } from './snippet';

describe('snippetParts', () => {
  it('marks the matches and keeps the rest as text', () => {
    expect(snippetParts('…把<mark>密钥</mark>放进钥匙串')).toEqual([
      { text: '…把', mark: false },
      { text: '密钥', mark: true },
      { text: '放进钥匙串', mark: false },
    ]);
  });

  it('never turns a message’s own markup into elements', () => {
    const parts = snippetParts('<img src=x onerror=alert(1)> and <mark>zebra</mark> <b>bold</b>');
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['zebra']);
    expect(parts[0].text).toBe('<img src=x onerror=alert(1)> and ');
    expect(parts[2].text).toBe(' <b>bold</b>');
  });

  it('shows an unmarked or empty snippet whole', () => {
    expect(snippetParts('plain')).toEqual([{ text: 'plain', mark: false }]);
    expect(snippetParts('')).toEqual([]);
  });
});

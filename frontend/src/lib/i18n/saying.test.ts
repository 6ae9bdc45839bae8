import { describe, expect, it } from 'vitest';
import { get } from 'svelte/store';
import { saying, setLanguage, setProblemWords } from './index';

const words = [
  { language: 'en', id: 'doctor.models', title: '{count} models', detail: '', fix: '' },
  { language: 'en', id: 'doctor.key_accepted', title: '; the key was accepted', detail: '', fix: '' },
  { language: 'zh-CN', id: 'doctor.models', title: '{count} 个模型', detail: '', fix: '' },
  { language: 'zh-CN', id: 'doctor.key_accepted', title: '；密钥已被接受', detail: '', fix: '' },
  { language: 'zh-CN', id: 'invalid_input.base_url_host', title: '基础 URL 无效', detail: '{input} 没有主机名。', fix: '' },
];
const found = [{ wordsId: 'doctor.models', facts: { count: '3' } }, { wordsId: 'doctor.key_accepted' }];

describe('saying', () => {
  it('says phrases in the language shown, as Go joins them in English', () => {
    setProblemWords(words);
    setLanguage('en');
    expect(get(saying)(found, 'Go said this')).toBe('3 models; the key was accepted');
    setLanguage('zh-CN');
    expect(get(saying)(found, 'Go said this')).toBe('3 个模型；密钥已被接受');
    expect(get(saying)([{ wordsId: 'invalid_input.base_url_host', facts: { input: '"x"' }, part: 'detail' }], 'x')).toBe('"x" 没有主机名。');
  });

  it("keeps Go's English when a phrase lacks its words or a fact", () => {
    setProblemWords(words);
    setLanguage('zh-CN');
    expect(get(saying)([...found, { wordsId: 'doctor.unknown' }], 'Go said this')).toBe('Go said this');
    expect(get(saying)([{ wordsId: 'doctor.models' }], 'Go said this')).toBe('Go said this');
    expect(get(saying)(undefined, 'Go said this')).toBe('Go said this');
  });
});

// A bound method's failure reaches whatever awaits lib/backend as the one
// Problem object, though the Wails runtime rejects with an Error whose text
// is the Problem's JSON (main.go's ErrorFormatter).
import { describe, expect, it, vi } from 'vitest';

const bound = vi.hoisted(() => ({
  DeleteKey: (_: string): Promise<void> =>
    Promise.reject(new Error('{"kind":"keychain","title":"The system keychain is not available","detail":"d","fix":"Unlock it"}')),
  Search: (_: string): Promise<unknown[]> => Promise.reject('Call to Search timed out'),
  Presets: async () => [{ id: 'openai' }],
}));
vi.mock('../../wailsjs/go/main/App', () => bound);

const backend = await import('./backend');

describe('bound methods', () => {
  it('reject with the Problem Go sent, as an object', async () => {
    await expect(backend.deleteKey('p1')).rejects.toEqual({
      kind: 'keychain', title: 'The system keychain is not available', detail: 'd', fix: 'Unlock it',
    });
  });

  it('reject with an internal Problem quoting a failure of the runtime itself', async () => {
    await expect(backend.search('x')).rejects.toMatchObject({ kind: 'internal', detail: 'Call to Search timed out' });
  });

  it('resolve with what Go returned', async () => {
    expect(await backend.presets()).toEqual([{ id: 'openai' }]);
  });
});

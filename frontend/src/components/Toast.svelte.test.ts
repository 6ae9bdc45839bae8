// The automatic backup runs as the window opens; when it fails, the window
// says so and keeps saying it until the user dismisses it.
import { describe, expect, it, vi } from 'vitest';
import { flushSync, mount, tick, unmount } from 'svelte';

vi.mock('../lib/backend', () => ({
  autoBackup: vi.fn(async () => {
    throw new Error(
      JSON.stringify({ kind: 'internal', title: 'The automatic backup failed', detail: 'Today’s backup could not be written to /data/backups: not a directory', fix: 'Check that the disk has space.' }),
    );
  }),
}));

const { setupI18n } = await import('../lib/i18n');
const { history } = await import('../lib/history.svelte');
const Toast = (await import('./Toast.svelte')).default;
setupI18n('en');

describe('the automatic backup', () => {
  it('shows its failure until dismissed', async () => {
    const target = document.createElement('div');
    const view = mount(Toast, { target });
    await history.runAutoBackup();
    flushSync();
    const card = target.querySelector('[data-testid="auto-backup-failed"]');
    expect(card?.textContent).toContain('The automatic backup failed');
    expect(card?.textContent).toContain('/data/backups');
    (card!.querySelector('button[aria-label="Dismiss"]') as HTMLButtonElement).click();
    await tick();
    expect(target.querySelector('[data-testid="auto-backup-failed"]')).toBeNull();
    unmount(view);
  });
});

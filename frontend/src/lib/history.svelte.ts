// History in the window: search, the conversation list's actions (rename,
// pin, delete with Undo), and the file actions (export, backup, restore,
// import). The words are the components'; this module holds the state.
import * as backend from './backend';
import { app } from './state.svelte';
import { toProblem } from './stream';
export { snippetParts } from './snippet';
import type { Conversation, Counts, ExportFormat, ImportFormat, ImportSummary, Problem, SearchHit } from './types';

/** How long a deleted conversation can be brought back. */
export const UNDO_MS = 6000;

/** A short message at the bottom of the window; undo brings back what was just done. */
export interface Toast {
  id: number;
  /** An i18n key and its values. */
  text: string;
  values?: Record<string, string | number>;
  undo?: () => void;
}

class History {
  query = $state('');
  hits = $state<SearchHit[]>([]);
  searching = $state(false);
  /** The query the hits are for, so a slow answer never replaces a newer one. */
  private asked = '';
  toasts = $state<Toast[]>([]);
  /** Conversations deleted but still within their Undo window: hidden, not yet gone. */
  deleting = $state<Record<string, true>>({});
  /** A failure of the automatic backup at start: shown until dismissed. */
  autoBackupProblem = $state<Problem | null>(null);
  /** The summary of the last import, shown until closed. */
  imported = $state<ImportSummary | null>(null);
  private importedFrom: { format: ImportFormat; path: string } | null = null;
  /** Whether the shown summary is of an import that moved the keys. */
  keysTried = $state(false);
  private nextToast = 1;

  async search(q: string): Promise<void> {
    this.query = q;
    this.asked = q;
    if (!q.trim()) {
      this.hits = [];
      return;
    }
    this.searching = true;
    try {
      const hits = await backend.search(q);
      if (this.asked === q) this.hits = hits;
    } catch (e) {
      app.notice = toProblem(e);
    } finally {
      if (this.asked === q) this.searching = false;
    }
  }

  clearSearch(): void {
    this.query = this.asked = '';
    this.hits = [];
  }

  async open(hit: SearchHit): Promise<void> {
    await app.openAt(hit.profileId, hit.conversationId, hit.messageId);
  }

  toast(t: Omit<Toast, 'id'>, ms = 4000): number {
    const id = this.nextToast++;
    this.toasts = [...this.toasts, { ...t, id }];
    setTimeout(() => this.dismiss(id), ms);
    return id;
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  async rename(c: Conversation, title: string): Promise<void> {
    const t = title.trim();
    if (!t || t === c.title) return;
    await app.attempt(async () => {
      await backend.renameConversation(c.id, t);
      await app.refreshTitles();
    });
  }

  async pin(c: Conversation, pinned: boolean): Promise<void> {
    await app.attempt(async () => {
      await backend.pinConversation(c.id, pinned);
      await app.refreshTitles();
    });
  }

  /**
   * remove hides a conversation at once and deletes it when its Undo window
   * closes; Undo brings it back untouched.
   */
  remove(c: Conversation): void {
    this.deleting = { ...this.deleting, [c.id]: true };
    const wasOpen = app.conversationId === c.id;
    if (wasOpen) app.newConversation();
    let undone = false;
    const id = this.toast(
      {
        text: 'history.deleted',
        values: { title: c.title || '…' },
        undo: () => {
          undone = true;
          this.dismiss(id);
          this.forget(c.id);
          // Undo puts the user back where they were: in it, if it was open.
          if (wasOpen) this.reopen(c);
        },
      },
      UNDO_MS,
    );
    setTimeout(async () => {
      if (undone) return;
      await app.deleteConversation(c.id);
      this.forget(c.id);
    }, UNDO_MS);
  }

  private async reopen(c: Conversation): Promise<void> {
    await app.attempt(async () => {
      if (app.profileId === c.profileId) await app.openConversation(c.id);
      else await app.selectProfile(c.profileId, c.id);
    });
  }

  private forget(id: string): void {
    const { [id]: _, ...rest } = this.deleting;
    this.deleting = rest;
  }

  /** runAutoBackup writes today's backup; a failure stays on screen until dismissed. */
  async runAutoBackup(): Promise<void> {
    try {
      await backend.autoBackup();
    } catch (e) {
      this.autoBackupProblem = toProblem(e);
    }
  }

  /** exportConversation asks where to save (title is the dialog's), then writes the file. */
  async exportConversation(c: Conversation, format: ExportFormat, title: string): Promise<void> {
    await app.attempt(async () => {
      const name = (c.title || 'conversation').replace(/[\\/:*?"<>|\n]+/g, ' ').slice(0, 60).trim() + '.' + format;
      const path = await backend.pickSaveFile(title, name);
      if (!path) return;
      await backend.exportConversation(c.id, format, path);
      this.toast({ text: 'history.exported', values: { path } });
    });
  }

  async backup(title: string): Promise<Counts | undefined> {
    return app.attempt(async () => {
      const path = await backend.pickSaveFile(title, `parley-backup-${new Date().toISOString().slice(0, 10)}.json`);
      if (!path) return undefined;
      const n = await backend.backup(path);
      this.toast({ text: 'history.backedUp', values: { ...n, path } });
      return n;
    });
  }

  /** pick asks for a file to read; '' when cancelled. */
  async pick(title: string): Promise<string> {
    return (await app.attempt(() => backend.pickOpenFile(title))) ?? '';
  }

  async restore(path: string, replace: boolean): Promise<void> {
    await app.attempt(async () => {
      const n = await backend.restore(path, replace);
      await this.reloadAll();
      this.toast({ text: replace ? 'history.restoredReplace' : 'history.restoredMerge', values: { ...n } });
    });
  }

  async importFile(format: ImportFormat, path: string, moveKeys = false): Promise<void> {
    await app.attempt(async () => {
      this.imported = await backend.importFile(format, path, moveKeys);
      this.importedFrom = { format, path };
      this.keysTried = moveKeys;
      await this.reloadAll();
    });
  }

  /** moveKeys imports the same file again with its keys moved into the keychain (its conversations are there already). */
  async moveKeys(): Promise<void> {
    if (this.importedFrom) await this.importFile(this.importedFrom.format, this.importedFrom.path, true);
    await Promise.all(app.profiles.map((p) => app.refreshKey(p.id)));
  }

  closeImport(): void {
    this.imported = null;
    this.importedFrom = null;
  }

  /** reloadAll reads profiles and the shown list again after a restore or import. */
  private async reloadAll(): Promise<void> {
    app.profiles = await backend.profiles();
    await Promise.all(app.profiles.map((p) => app.refreshKey(p.id)));
    if (app.profileId && app.profiles.some((p) => p.id === app.profileId)) await app.refreshTitles();
    else if (app.profiles.length) await app.selectProfile(app.profiles[0].id);
  }
}

export const history = new History();

// Application state: the selected profile and conversation, their messages
// and the dialogs. Components read it and call its methods; only this module
// and backend.ts know how data reaches Go.
import * as backend from './backend';
import { pickLanguage, setLanguage, setProblemWords } from './i18n';
import { settings } from './settings.svelte';
import { applyDelta, applyDone, applyError, fromStored, toProblem } from './stream';
import { applyIdle, applyRetry, clearNote } from './netnote';
import { mergeStored, newest } from './refresh';
import { FrameBatch, runs } from './batch';
import { renderersFor } from './preload';
import { emptyProfile, type Advice, type ChatMessage, type DeltaEvent, type ChatSettings, type Conversation, type KeyStatus, type MessagePage, type OllamaFound, type Preset, type Problem, type Profile, type ProfileForm } from './types';

/** No setting of its own: the profile's model and prompt, the provider's defaults. */
export const noSettings = (): ChatSettings => ({ model: '', maxTokens: 0, reasoningEffort: '', contextMessages: 0, contextTokens: 0 });

/** How many messages a page of a long conversation holds. */
export const PAGE = 50;

export type Dialog = { kind: 'none' } | { kind: 'key' } | { kind: 'profile'; editing: Profile | null };

class AppState {
  presets = $state<Preset[]>([]);
  profiles = $state<Profile[]>([]);
  profileId = $state<string | null>(null);
  keys = $state<Record<string, KeyStatus>>({});
  /** keySaves counts, per profile, the keys saved or removed since the window opened (see keyStamp). */
  keySaves = $state<Record<string, number>>({});
  conversations = $state<Conversation[]>([]);
  conversationId = $state<string | null>(null);
  messages = $state<ChatMessage[]>([]);
  dialog = $state<Dialog>({ kind: 'none' });
  /** A failure outside any message (loading, saving), shown as a banner. */
  notice = $state<Problem | null>(null);
  loaded = $state(false);
  /** Models of an Ollama found running on this computer at start. */
  /** The Ollama running on this computer, null when none answered. */
  ollama = $state<OllamaFound | null>(null);
  /** The shown conversation's own settings (kept here until a new conversation is stored). */
  chatSettings = $state<ChatSettings>(noSettings());
  /** The models each profile's provider offers, by profile id, for the model picker. */
  modelLists = $state<Record<string, string[]>>({});
  /** What is typed in the composer: the shown conversation's draft, stored in Go. */
  draft = $state('');
  /** The UI language the user chose ('' follows the system's, systemLanguage). */
  language = $state('');
  systemLanguage = $state('');
  /**
   * A long conversation is loaded in pages: messages holds the branch's
   * messages from index pageFrom, of total; the list loads more as it scrolls.
   */
  pageFrom = $state(0);
  total = $state(0);
  /** The message to scroll to and highlight (a search result); n tells one jump from the next. */
  jump = $state<{ id: string; n: number } | null>(null);
  private paging = false;

  profile = $derived(this.profiles.find((p) => p.id === this.profileId) ?? null);
  streaming = $derived(this.messages.find((m) => m.status === 'streaming') ?? null);
  moreBefore = $derived(this.pageFrom > 0);
  moreAfter = $derived(this.pageFrom + this.messages.length < this.total);
  /** The model this conversation talks to: its own choice, else the profile's. */
  chatModel = $derived(this.chatSettings.model || this.profile?.model || '');

  async init(): Promise<void> {
    backend.onChat({
      delta: (e) => this.deltas.push(e),
      done: (e) => {
        this.deltas.flush();
        this.update(e.conversationId, e.messageId, (m) => applyDone(clearNote(m), e));
        this.refreshTitles().catch(() => {}); // its token totals changed
      },
      error: (e) => {
        this.deltas.flush();
        this.update(e.conversationId, e.messageId, (m) => applyError(clearNote(m), e));
      },
      retry: (e) => {
        this.deltas.flush();
        this.update(e.conversationId, e.messageId, (m) => applyRetry(m, e));
      },
      idle: (e) => {
        this.deltas.flush();
        this.update(e.conversationId, e.messageId, (m) => applyIdle(m, e));
      },
    });
    await this.attempt(() => this.startLanguage());
    await this.attempt(async () => {
      this.presets = await backend.presets();
      this.profiles = await backend.profiles();
      await Promise.all(this.profiles.map((p) => this.refreshKey(p.id)));
      // Open where the user was last; the user may have picked a provider while this loaded.
      const last = await backend.lastPlace();
      if (this.profileId || this.profiles.length === 0) return;
      if (this.profiles.some((p) => p.id === last.profileId)) await this.selectProfile(last.profileId, last.conversationId || null);
      else await this.selectProfile(this.profiles[0].id);
    });
    this.loaded = true;
    backend.detectOllama().then(
      (found) => (this.ollama = found),
      () => (this.ollama = null),
    );
  }

  /**
   * startLanguage shows the window in the user's language, else the
   * system's as Go reads it from the OS (navigator.language does not
   * follow LANG in every web view), else the web view's.
   */
  private async startLanguage(): Promise<void> {
    const [langs, words] = await Promise.all([backend.language(), backend.problemWords()]);
    setProblemWords(words);
    this.language = langs.chosen;
    this.systemLanguage = langs.system;
    setLanguage(langs.chosen || langs.system || navigator.language);
  }

  /**
   * setLanguage switches the window to a language ("en", "zh-CN"; '' to
   * follow the system again) and stores the choice for the next start.
   */
  async setLanguage(tag: string): Promise<void> {
    this.language = tag ? pickLanguage(tag) : '';
    setLanguage(this.language || this.systemLanguage || navigator.language);
    await this.attempt(() => backend.setLanguage(this.language));
  }

  /** followLanguage shows the language as Go reads it now (another window may have changed it). */
  followLanguage(langs: { chosen: string; system: string }): void {
    this.language = langs.chosen;
    this.systemLanguage = langs.system;
    setLanguage(langs.chosen || langs.system || navigator.language);
  }

  /** addOllama adds a profile for the Ollama found running here. */
  async addOllama(): Promise<void> {
    const preset = this.preset('ollama');
    if (!preset) return;
    await this.attempt(() =>
      this.saveProfile({ ...emptyProfile(), name: 'Ollama', kind: preset.kind, preset: preset.id, baseUrl: this.ollama?.baseUrl || preset.baseUrl, model: this.ollama?.models[0] ?? preset.models[0] }),
    );
  }

  /**
   * Deltas are applied together once per animation frame (lib/batch.ts):
   * a message's deltas of the frame in one change of its state. Other
   * events of a turn apply the waiting deltas first.
   */
  private deltas = new FrameBatch<DeltaEvent>((ds) => {
    for (const run of runs(ds, (d) => d.conversationId + ' ' + d.messageId)) {
      this.update(run[0].conversationId, run[0].messageId, (m) => run.reduce((acc, d) => applyDelta(clearNote(acc), d), m));
    }
  });

  /** Events for a message not shown yet: Send's answer can trail its first events. */
  private waiting = new Map<string, Array<(m: ChatMessage) => ChatMessage>>();

  private update(conversationId: string, id: string, f: (m: ChatMessage) => ChatMessage): void {
    // Another conversation's answer is picked up from Go's snapshot (its
    // text up to a seq) when that conversation is opened again.
    if (conversationId !== this.conversationId) return;
    const i = this.messages.findIndex((m) => m.id === id);
    if (i >= 0) this.messages[i] = f(this.messages[i]);
    else this.waiting.set(id, [...(this.waiting.get(id) ?? []), f]);
  }

  /** show adds a message, applying any events that arrived for it first. */
  private show(m: ChatMessage): ChatMessage {
    const early = this.waiting.get(m.id) ?? [];
    this.waiting.delete(m.id);
    return early.reduce((acc, f) => f(acc), m);
  }

  /** attempt runs f and shows its failure as a notice instead of losing it. */
  async attempt<T>(f: () => Promise<T>): Promise<T | undefined> {
    try {
      const v = await f();
      this.notice = null;
      return v;
    } catch (e) {
      this.notice = toProblem(e);
      return undefined;
    }
  }

  async refreshKey(profileId: string): Promise<void> {
    try {
      const was = this.keys[profileId];
      const now = await backend.keyStatus(profileId);
      // Another window or parley-cli changed the key.
      if (was && (was.set !== now.set || was.hint !== now.hint)) this.keySaved(profileId);
      this.keys[profileId] = now;
    } catch (e) {
      this.keys[profileId] = { set: false, hint: '' };
      this.notice = toProblem(e);
    }
  }

  /**
   * selectProfile shows a provider with a conversation: the one given, a new
   * one (null), or by default its most recent.
   */
  async selectProfile(id: string, conversationId?: string | null, at?: string): Promise<void> {
    this.profileId = id;
    const shown = ++this.shown;
    this.loadModels(id);
    const conversations = await backend.conversations(id);
    if (this.profileId !== id) return; // another provider was picked meanwhile
    this.conversations = conversations;
    if (this.shown !== shown) return; // or a conversation (Ctrl+N, a click) meanwhile
    const open = conversationId === undefined ? this.conversations[0]?.id : conversationId;
    if (open && this.conversations.some((c) => c.id === open)) await this.openConversation(open, at);
    else await this.newConversation();
  }

  // shown counts what was put on screen (a provider, a conversation), so a
  // slow load does not replace what the user opened after it.
  private shown = 0;

  // Drafts: the composer's text belongs to the shown conversation (or, before
  // its first message, to the provider) and is stored in Go as it is typed.
  private draftOwner = '';
  private draftSaving: Promise<void> = Promise.resolve();
  private draftPending: { owner: string; text: string } | null = null;
  private draftEdits = 0;

  /** setDraft changes what is typed and stores it; saves are sent one at a time, the latest last. */
  setDraft(text: string): void {
    this.draft = text;
    this.draftEdits++;
    const first = this.draftPending === null;
    this.draftPending = { owner: this.draftOwner, text };
    if (!first) return;
    this.draftSaving = this.draftSaving.then(async () => {
      // Whatever was typed by the time this runs is what is saved.
      while (this.draftPending) {
        const { owner, text } = this.draftPending;
        try {
          await backend.saveDraft(owner, text);
        } catch (e) {
          this.notice = toProblem(e);
        }
        if (this.draftPending.owner === owner && this.draftPending.text === text) this.draftPending = null;
      }
    });
  }

  /** showDraft loads the draft of the conversation now shown. */
  private async showDraft(): Promise<void> {
    const owner = this.conversationId ?? this.profileId ?? '';
    this.draftOwner = owner;
    this.draft = '';
    const edits = this.draftEdits;
    await this.draftSaving; // a save of the same owner may be on its way
    const text = owner ? await backend.draft(owner) : '';
    // What the user typed while it loaded stays (and is saved as this owner's).
    if (this.draftOwner === owner && this.draftEdits === edits) this.draft = text;
    if (this.profileId) backend.setLastPlace(this.profileId, this.conversationId ?? '').catch(() => {});
  }

  /** loadModels fills the model picker from the provider's list (or the preset's). */
  loadModels(profileId: string): void {
    const p = this.profiles.find((x) => x.id === profileId);
    if (!p || this.modelLists[profileId]) return;
    backend.models(p).then(
      (list) => (this.modelLists[profileId] = list.models),
      () => (this.modelLists[profileId] = []),
    );
  }

  /** settingsSaved counts the saves of chat settings, for views that ask Go what they changed. */
  settingsSaved = $state(0);

  /** setChatSettings changes the shown conversation's own settings and stores them. */
  async setChatSettings(patch: Partial<ChatSettings>): Promise<void> {
    this.chatSettings = { ...this.chatSettings, ...patch };
    const id = this.conversationId;
    if (id) await this.attempt(() => backend.saveChatSettings(id, $state.snapshot(this.chatSettings)));
    this.settingsSaved++;
  }

  /**
   * openConversation shows a conversation's messages. A live answer comes
   * from Go with its text up to a seq; every delta after that seq, including
   * those that arrive while the messages load, is applied to it. A long one
   * loads its last page, or the page around the message at.
   */
  async openConversation(id: string, at?: string): Promise<void> {
    this.shown++;
    if (this.conversationId !== id) this.messages = [];
    this.conversationId = id;
    this.waiting.clear();
    const drafted = this.showDraft();
    const [page, settings] = await Promise.all([
      at ? backend.messagePageAround(at, 2 * PAGE) : backend.messagePage(id, -1, PAGE),
      backend.chatSettings(id),
    ]);
    await Promise.all([drafted, renderersFor(page.messages)]);
    if (this.conversationId !== id) return;
    this.setPage(page);
    this.chatSettings = { ...noSettings(), ...settings };
    if (at) this.jump = { id: at, n: (this.jump?.n ?? 0) + 1 };
  }

  private setPage(page: MessagePage): void {
    this.deltas.flush(); // the shown answer as far as it got, to set beside Go's snapshot
    this.messages = newest(this.messages, page.messages.map((m) => this.show(fromStored(m))));
    this.pageFrom = page.from;
    this.total = page.total;
  }

  /** openAt shows a message (a search result) in its provider and conversation, loading the page around it. */
  async openAt(profileId: string, conversationId: string, messageId: string): Promise<void> {
    await this.attempt(async () => {
      if (this.profileId !== profileId) await this.selectProfile(profileId, conversationId, messageId);
      else await this.openConversation(conversationId, messageId);
    });
  }

  /** loadBefore and loadAfter load the next page above or below what is loaded, as the list scrolls. */
  async loadBefore(): Promise<void> {
    const id = this.conversationId;
    if (!id || !this.moreBefore || this.paging) return;
    this.paging = true;
    try {
      const from = Math.max(0, this.pageFrom - PAGE);
      const page = await backend.messagePage(id, from, this.pageFrom - from);
      await renderersFor(page.messages);
      if (this.conversationId !== id || page.from + page.messages.length !== this.pageFrom) return;
      const known = new Set(this.messages.map((m) => m.id));
      this.messages = [...page.messages.filter((m) => !known.has(m.id)).map((m) => this.show(fromStored(m))), ...this.messages];
      this.pageFrom = page.from;
      this.total = page.total;
    } catch (e) {
      this.notice = toProblem(e);
    } finally {
      this.paging = false;
    }
  }

  async loadAfter(): Promise<void> {
    const id = this.conversationId;
    if (!id || !this.moreAfter || this.paging) return;
    this.paging = true;
    try {
      const end = this.pageFrom + this.messages.length;
      const page = await backend.messagePage(id, end, PAGE);
      await renderersFor(page.messages);
      if (this.conversationId !== id || page.from !== end) return;
      const known = new Set(this.messages.map((m) => m.id));
      this.messages = [...this.messages, ...page.messages.filter((m) => !known.has(m.id)).map((m) => this.show(fromStored(m)))];
      this.total = page.total;
    } catch (e) {
      this.notice = toProblem(e);
    } finally {
      this.paging = false;
    }
  }

  /** showLatest loads the conversation's last page (Jump to latest far up a long conversation). */
  async showLatest(): Promise<void> {
    const id = this.conversationId;
    if (!id) return;
    await this.attempt(async () => {
      const page = await backend.messagePage(id, -1, PAGE);
      await renderersFor(page.messages);
      if (this.conversationId === id) this.setPage(page);
    });
  }

  /** newConversation shows an empty conversation; it is stored with its first message. */
  async newConversation(): Promise<void> {
    if (!this.profileId) return;
    this.shown++;
    this.conversationId = null;
    this.messages = [];
    this.pageFrom = this.total = 0;
    // A new conversation starts from the defaults of Settings › Chats.
    this.chatSettings = { ...noSettings(), ...settings.forNewChat(this.profile?.systemPrompt ?? '') };
    this.waiting.clear();
    await this.showDraft();
  }

  /** startConversation stores the shown new conversation, with the settings chosen for it. */
  private async startConversation(profileId: string): Promise<void> {
    const chosen = $state.snapshot(this.chatSettings);
    const c = await backend.newConversation(profileId);
    this.titlesAsked++;
    this.conversations = [c, ...this.conversations];
    this.conversationId = c.id;
    this.draftOwner = c.id;
    backend.setLastPlace(profileId, c.id).catch(() => {});
    if (chosen.model || chosen.systemPrompt !== undefined || chosen.temperature !== undefined || chosen.topP !== undefined ||
        chosen.maxTokens || chosen.reasoningEffort || chosen.thinkingBudget !== undefined ||
        chosen.contextMessages || chosen.contextTokens) {
      await this.setChatSettings(chosen);
    }
  }

  async deleteConversation(id: string): Promise<void> {
    await this.attempt(async () => {
      await backend.deleteConversation(id);
      this.conversations = this.conversations.filter((c) => c.id !== id);
      if (this.conversationId === id) await this.newConversation();
    });
  }

  /** send stores the text and starts the answer; it reports whether it was sent. */
  async send(text: string): Promise<boolean> {
    if (!this.profileId || !text.trim() || this.streaming) return false;
    const sent = await this.attempt(async () => {
      if (!this.conversationId) await this.startConversation(this.profileId!);
      const conversationId = this.conversationId!;
      const r = await backend.send(conversationId, text);
      if (this.conversationId !== conversationId) return true;
      if (this.moreAfter) await this.showLatest(); // far up a long conversation: show its end
      else {
        this.messages = [...this.messages, fromStored(r.user), this.show(fromStored(r.assistant))];
        this.total += 2;
      }
      await this.refreshTitles();
      return true;
    });
    return sent ?? false;
  }

  /** retry answers the last message again; the failed answer stays as an alternative. */
  async retry(): Promise<void> {
    const conversationId = this.conversationId;
    if (!conversationId || this.streaming) return;
    await this.attempt(async () => {
      await backend.retry(conversationId);
      await this.reload();
    });
  }

  /** regenerate answers the same message again; the earlier answer stays as an alternative. */
  async regenerate(answerId: string): Promise<void> {
    if (this.streaming) return;
    await this.attempt(async () => {
      await backend.regenerate(answerId);
      await this.reload();
    });
  }

  /** edit sends a new version of one of the user's messages: a branch, the old one kept. */
  async edit(messageId: string, text: string): Promise<boolean> {
    if (this.streaming || !text.trim()) return false;
    const ok = await this.attempt(async () => {
      await backend.edit(messageId, text);
      await this.reload();
      return true;
    });
    return ok ?? false;
  }

  /** showAlternative shows the branch through another answer or version. */
  async showAlternative(messageId: string): Promise<void> {
    await this.attempt(async () => {
      await backend.showAlternative(messageId);
      await this.reload();
    });
  }

  /** deleteMessage removes a message and what followed it. */
  async deleteMessage(id: string): Promise<void> {
    await this.attempt(async () => {
      await backend.deleteMessage(id);
      await this.reload();
    });
  }

  /**
   * reload reads the shown branch again. An answer this window has already
   * applied more deltas to than Go's snapshot (they crossed) keeps its own.
   */
  private async reload(): Promise<void> {
    const id = this.conversationId;
    if (!id) return;
    // The end of the branch, as much of it as is loaded (a page at least).
    const page = await backend.messagePage(id, -1, Math.max(PAGE, this.moreAfter ? 0 : this.messages.length));
    if (this.conversationId !== id) return;
    this.pageFrom = page.from;
    this.total = page.total;
    this.deltas.flush();
    this.messages = newest(this.messages, page.messages.map((s) => this.show(fromStored(s))));
  }

  /**
   * refreshMessages reads the loaded run of the shown branch again after
   * another window wrote: its end when the end is shown (it may have grown),
   * else the same pages. Answers streaming here keep their live text.
   */
  async refreshMessages(): Promise<void> {
    const id = this.conversationId;
    if (!id) return;
    const page = this.moreAfter
      ? await backend.messagePage(id, this.pageFrom, this.messages.length)
      : await backend.messagePage(id, -1, Math.max(PAGE, this.messages.length));
    if (this.conversationId !== id) return;
    this.pageFrom = page.from;
    this.total = page.total;
    this.messages = mergeStored(this.messages, page.messages.map(fromStored));
  }

  /** continueAnswer asks the model to go on from a stopped or interrupted answer, into the same message. */
  async continueAnswer(id: string): Promise<void> {
    const conversationId = this.conversationId;
    const i = this.messages.findIndex((m) => m.id === id);
    if (!conversationId || i < 0 || this.streaming) return;
    const before = this.messages[i];
    // Streaming already, so the first deltas apply even before Go answers.
    this.messages[i] = { ...before, status: 'streaming', seq: 0, problem: null, early: {}, ending: null, finish: '' };
    const ok = await this.attempt(() => backend.continueAnswer(id));
    if (ok === undefined && this.conversationId === conversationId) {
      const j = this.messages.findIndex((m) => m.id === id);
      if (j >= 0 && this.messages[j].seq === 0) this.messages[j] = before;
    }
  }

  /** keepWaiting answers a silent answer's note: it waits once more. */
  async keepWaiting(messageId: string): Promise<void> {
    this.update(this.conversationId ?? '', messageId, clearNote);
    await backend.keepWaiting(messageId);
  }

  async stop(): Promise<void> {
    if (this.streaming) await backend.cancel(this.streaming.id);
  }

  /** refreshTitles reads the conversation list again (titles, pins, token totals). */
  async refreshTitles(): Promise<void> {
    const id = this.profileId;
    if (!id) return;
    const asked = ++this.titlesAsked;
    const list = await backend.conversations(id);
    // A later read, or a conversation added here since, wins over this one.
    if (asked === this.titlesAsked && this.profileId === id) this.conversations = list;
  }
  private titlesAsked = 0;

  async saveProfile(p: ProfileForm): Promise<ProfileForm | undefined> {
    const saved = await backend.saveProfile(p);
    this.profiles = await backend.profiles();
    delete this.modelLists[saved.id]; // its URL or key may have changed
    this.loadModels(saved.id);
    await this.refreshKey(saved.id);
    if (saved.id !== this.profileId) await this.selectProfile(saved.id);
    return saved;
  }

  /** moveProfile moves a provider by one place (-1 up, +1 down) and stores the order. */
  async moveProfile(id: string, by: -1 | 1): Promise<void> {
    const i = this.profiles.findIndex((p) => p.id === id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= this.profiles.length) return;
    const order = [...this.profiles];
    [order[i], order[j]] = [order[j], order[i]];
    this.profiles = order;
    await this.attempt(async () => {
      await backend.reorderProfiles(order.map((p) => p.id));
      this.profiles = await backend.profiles();
    });
  }

  async deleteProfile(id: string): Promise<void> {
    await this.attempt(async () => {
      await backend.deleteProfile(id);
      this.profiles = await backend.profiles();
      delete this.keys[id];
      if (this.profileId === id) {
        this.profileId = null;
        this.messages = [];
        this.conversations = [];
        if (this.profiles.length > 0) await this.selectProfile(this.profiles[0].id);
      }
    });
  }

  /** setKey saves the key and returns advice when it looks like another provider's. */
  async setKey(key: string): Promise<Advice[]> {
    const id = this.profileId!;
    const saved = await backend.setKey(id, key);
    this.keys[id] = { set: saved.set, hint: saved.hint };
    this.keySaved(id);
    return saved.advice ?? [];
  }

  async removeKey(): Promise<void> {
    const id = this.profileId!;
    await backend.deleteKey(id);
    this.keys[id] = { set: false, hint: '' };
    this.keySaved(id);
  }

  private keySaved(profileId: string): void {
    this.keySaves[profileId] = (this.keySaves[profileId] ?? 0) + 1;
  }

  /**
   * keyStamp names the key a profile has now: it changes when a key is
   * saved (the same one again too) or removed, here or elsewhere, and not
   * when the window merely reads the key's status again.
   */
  keyStamp(profileId: string): string {
    const k = this.keys[profileId];
    return `${k?.set ?? false}|${k?.hint ?? ''}|${this.keySaves[profileId] ?? 0}`;
  }

  preset(id: string): Preset | undefined {
    return this.presets.find((p) => p.id === id);
  }
}

export const app = new AppState();

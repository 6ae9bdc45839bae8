// The Settings view's state and the settings that change how the window
// looks (theme, text size, language) and how new conversations start. They
// are stored in Go (SQLite), never in browser storage, and apply at once;
// another window's changes are read again as soon as Go's watch sees them
// (data:changed with settings, sync.svelte.ts), and on focus.
import * as backend from './backend';
import { app } from './state.svelte';
import { toProblem } from './stream';
import type { ChatSettings, Problem } from './types';

export type Theme = 'system' | 'light' | 'dark';
export type Section = 'providers' | 'appearance' | 'language' | 'network' | 'shortcuts' | 'chats';
export const sections: Section[] = ['providers', 'appearance', 'language', 'network', 'shortcuts', 'chats'];
/** The parameters a new conversation starts with; unset ones are not sent. */
export type ChatDefaults = Pick<ChatSettings, 'systemPrompt' | 'temperature' | 'topP' | 'maxTokens'>;

export const fontSizes = { min: 12, max: 20, default: 14 };

/** Keys of the settings store (core/uisettings.go). */
const keys = {
  theme: 'appearance.theme',
  fontSize: 'appearance.fontSize',
  chatDefaults: 'chats.defaults',
  modelTitle: 'chats.modelTitle',
} as const;

function parse<T>(raw: string, fallback: T): T {
  if (!raw) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

class SettingsState {
  open = $state(false);
  section = $state<Section>('providers');
  theme = $state<Theme>('system');
  fontSize = $state(fontSizes.default);
  /** The language chosen ('' follows the system's); kept by the app state (state.svelte.ts), the one home of the language. */
  get language(): string {
    return app.language;
  }
  chatDefaults = $state<ChatDefaults>({ maxTokens: 0 });
  /** Counts the loads, so views of settings kept elsewhere (the proxies) read them again. */
  loads = $state(0);
  /** Whether the model titles a conversation after its first answer (Go asks it; chat/title.go). */
  modelTitle = $state(false);
  /** A setting that could not be read or saved. */
  problem = $state<Problem | null>(null);
  /** Where the focus was when the view opened, to give it back on close. */
  private opener: Element | null = null;

  /** load reads every setting from Go and applies it. */
  async load(): Promise<void> {
    await this.saving; // what this window just changed first
    try {
      const [[theme, size, defaults, modelTitle], langs] = await Promise.all([Promise.all(Object.values(keys).map((k) => backend.getSetting(k))), backend.language()]);
      app.followLanguage(langs);
      this.theme = parse<Theme>(theme, 'system');
      this.fontSize = parse<number>(size, fontSizes.default);
      this.chatDefaults = { ...parse<Partial<ChatDefaults>>(defaults, {}), maxTokens: parse<Partial<ChatDefaults>>(defaults, {}).maxTokens ?? 0 };
      this.modelTitle = parse<boolean>(modelTitle, false) === true;
    } catch (e) {
      this.problem = toProblem(e);
    }
    this.apply();
    this.loads++;
  }

  /** apply puts the settings on the page. */
  apply(): void {
    const root = document.documentElement;
    root.dataset.theme = this.theme;
    root.style.setProperty('--font-size', `${this.fontSize}px`);
  }

  // Saves go one at a time: Go answers calls in any order, and the last
  // value given (a slider being dragged) must be the one stored.
  private saving: Promise<void> = Promise.resolve();

  private save(key: string, value: unknown): Promise<void> {
    this.apply();
    const raw = JSON.stringify(value);
    this.saving = this.saving.then(async () => {
      try {
        await backend.setSetting(key, raw);
        this.problem = null;
      } catch (e) {
        this.problem = toProblem(e);
      }
    });
    return this.saving;
  }

  setTheme = (t: Theme) => {
    this.theme = t;
    return this.save(keys.theme, t);
  };

  setFontSize = (n: number) => {
    this.fontSize = Math.min(fontSizes.max, Math.max(fontSizes.min, Math.round(n)));
    return this.save(keys.fontSize, this.fontSize);
  };

  setLanguage = (tag: string) => app.setLanguage(tag);

  setChatDefaults = (patch: Partial<ChatDefaults>) => {
    this.chatDefaults = { ...this.chatDefaults, ...patch };
    return this.save(keys.chatDefaults, $state.snapshot(this.chatDefaults));
  };

  setModelTitle = (on: boolean) => {
    this.modelTitle = on;
    return this.save(keys.modelTitle, on);
  };

  /** forNewChat is what a new conversation with a profile starts with. */
  forNewChat(profileSystemPrompt: string): Partial<ChatSettings> {
    const d = this.chatDefaults;
    const out: Partial<ChatSettings> = {};
    if (d.systemPrompt && !profileSystemPrompt) out.systemPrompt = d.systemPrompt;
    if (d.temperature !== undefined) out.temperature = d.temperature;
    if (d.topP !== undefined) out.topP = d.topP;
    if (d.maxTokens) out.maxTokens = d.maxTokens;
    return out;
  }

  show = (section?: Section) => {
    if (!this.open) this.opener = document.activeElement;
    if (section) this.section = section;
    this.open = true;
  };

  close = () => {
    this.open = false;
    const back = this.opener;
    this.opener = null;
    if (back instanceof HTMLElement && back.isConnected) queueMicrotask(() => back.focus());
  };
}

export const settings = new SettingsState();

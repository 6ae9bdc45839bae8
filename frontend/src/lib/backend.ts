// The only module that talks to Go. Everything the UI needs from the
// backend goes through here, so the bindings can change in one place.
import * as Bound from '../../wailsjs/go/main/App';
import { ClipboardSetText, EventsOn, Quit, WindowSetTitle } from '../../wailsjs/runtime/runtime';
import { core, store } from '../../wailsjs/go/models';
import { Event, type EventName, type Payloads } from './events.gen';
import type {
  Advice,
  ChatContext,
  ChatSettings,
  Conversation,
  Counts,
  DataChanges,
  DeltaEvent,
  DoctorStep,
  DoneEvent,
  ErrorEvent,
  ExportFormat,
  IdleEvent,
  ImportFormat,
  ImportSummary,
  KeySaved,
  KeyStatus,
  MessagePage,
  OllamaFound,
  Place,
  ProxyCheck,
  ProxyMode,
  ProxyView,
  SearchHit,
  Preset,
  Profile,
  ProfileForm,
  RetryEvent,
  Wire,
} from './types';
import { toProblem, type StoredMessage } from './stream';
import type { Explanation } from './i18n';

/**
 * App is Go's bound methods, each rejecting with the one Problem shape. Go
 * sends a failure as a Problem's JSON, which the Wails runtime wraps in the
 * text of an Error; it is read back here, once (toProblem), so whatever
 * awaits a call below gets the object, never the text.
 */
const App = new Proxy(Bound, {
  get(methods, name) {
    const method: unknown = Reflect.get(methods, name);
    if (typeof method !== 'function') return method;
    return (...args: unknown[]) =>
      Promise.resolve(method(...args)).catch((e: unknown) => {
        throw toProblem(e);
      });
  },
});

export const presets = (): Promise<Preset[]> => App.Presets();
export const profiles = (): Promise<Profile[]> => App.Profiles();
export const saveProfile = (p: ProfileForm): Promise<ProfileForm> => App.SaveProfile(store.Profile.createFrom(p));
export const deleteProfile = (id: string): Promise<void> => App.DeleteProfile(id);
export const wouldForgetKey = (profileId: string, baseUrl: string): Promise<boolean> =>
  App.WouldForgetKey(profileId, baseUrl);
export const endpoint = (kind: string, baseUrl: string, model: string): Promise<string> =>
  App.Endpoint(kind, baseUrl, model);

export const models = (p: ProfileForm) => App.Models(store.Profile.createFrom(p));
export const detectOllama = (): Promise<OllamaFound> => App.DetectOllama();

export const keyStatus = (profileId: string): Promise<KeyStatus> => App.KeyStatus(profileId);
export const setKey = (profileId: string, key: string): Promise<KeySaved> => App.SetKey(profileId, key);
export const adviseBaseUrl = (kind: string, baseUrl: string): Promise<Advice[]> => App.AdviseBaseURL(kind, baseUrl);

/** testConnection runs the doctor; onStep sees each step as it finishes. */
export async function testConnection(profileId: string, onStep: (s: DoctorStep) => void): Promise<DoctorStep[]> {
  const off = on(Event.DOCTOR_STEP, onStep);
  try {
    return await App.TestConnection(profileId);
  } finally {
    off();
  }
}
export const deleteKey = (profileId: string): Promise<void> => App.DeleteKey(profileId);

export const conversations = (profileId: string): Promise<Conversation[]> => App.ConversationSummaries(profileId);
export const newConversation = (profileId: string): Promise<Conversation> => App.NewConversation(profileId);
export const deleteConversation = (id: string): Promise<void> => App.DeleteConversation(id);
export const chatSettings = (conversationId: string): Promise<ChatSettings> => App.ChatSettings(conversationId);
export const saveChatSettings = (conversationId: string, s: ChatSettings): Promise<void> =>
  App.SaveChatSettings(conversationId, core.ChatSettings.createFrom(s));
export const chatContext = (conversationId: string): Promise<ChatContext> => App.ChatContext(conversationId);
export const draft = (owner: string): Promise<string> => App.Draft(owner);
export const saveDraft = (owner: string, text: string): Promise<void> => App.SaveDraft(owner, text);
export const lastPlace = (): Promise<Place> => App.LastPlace();
export const setLastPlace = (profileId: string, conversationId: string): Promise<void> =>
  App.SetLastPlace({ profileId, conversationId });
export const messages = (conversationId: string): Promise<StoredMessage[]> => App.Messages(conversationId);

// History: pages of a long conversation, search, the list's actions, files.
/** messagePage loads count messages of the branch shown from index from; a negative from means the last count. */
export const messagePage = (conversationId: string, from: number, count: number): Promise<MessagePage> =>
  App.MessagePage(conversationId, from, count);
export const messagePageAround = (messageId: string, count: number): Promise<MessagePage> =>
  App.MessagePageAround(messageId, count);
export const search = (query: string): Promise<SearchHit[]> => App.Search(query);
export const renameConversation = (id: string, title: string): Promise<void> => App.RenameConversation(id, title);
export const pinConversation = (id: string, pinned: boolean): Promise<void> => App.PinConversation(id, pinned);
/** pickSaveFile and pickOpenFile show the system's file dialog; '' when cancelled. */
export const pickSaveFile = (title: string, name: string): Promise<string> => App.PickSaveFile(title, name);
export const pickOpenFile = (title: string): Promise<string> => App.PickOpenFile(title);
export const exportConversation = (conversationId: string, format: ExportFormat, path: string): Promise<void> =>
  App.ExportConversation(core.ExportRequest.createFrom({ conversationId, format, path } satisfies Wire<core.ExportRequest>));
export const backup = (path: string): Promise<Counts> => App.Backup(path);
export const restore = (path: string, replace: boolean): Promise<Counts> => App.Restore(path, replace);
export const importFile = (format: ImportFormat, path: string, moveKeys: boolean): Promise<ImportSummary> =>
  App.Import(core.ImportRequest.createFrom({ format, path, moveKeys } satisfies Wire<core.ImportRequest>));
export const autoBackup = (): Promise<string> => App.AutoBackup();

export const send = (conversationId: string, text: string) => App.Send(conversationId, text);
export const retry = (conversationId: string) => App.Retry(conversationId);
export const continueAnswer = (messageId: string): Promise<StoredMessage> => App.Continue(messageId);
export const regenerate = (answerId: string): Promise<StoredMessage> => App.Regenerate(answerId);
export const edit = (messageId: string, text: string) => App.Edit(messageId, text);
export const showAlternative = (messageId: string): Promise<void> => App.ShowAlternative(messageId);
export const deleteMessage = (id: string): Promise<void> => App.DeleteMessage(id);
export const cancel = (messageId: string): Promise<boolean> => App.Cancel(messageId);
/** keepWaiting answers chat:idle: the silent answer waits once more. */
export const keepWaiting = (messageId: string): Promise<boolean> => App.KeepWaiting(messageId);
export const openLink = (url: string): Promise<void> => App.OpenLink(url);
export const about = (): Promise<core.About> => App.About();

/** language is the user's choice of UI language ('' to follow the system) and the system's locale. */
export const language = (): Promise<core.Languages> => App.Language();
export const setLanguage = (tag: string): Promise<void> => App.SetLanguage(tag);
/** problemWords is Go's problem explanations in every UI language. */
export const problemWords = (): Promise<Explanation[]> => App.ProblemWords();

/**
 * copyText puts text on the system clipboard and says whether it did: the
 * page's own clipboard where the engine lets the page write it (WebView2),
 * else Go's (WebKitGTK has no page clipboard to speak of, and a page
 * clipboard that must ask first would wait for an answer nobody gives).
 */
export async function copyText(text: string): Promise<boolean> {
  if (await within(pageMayWriteClipboard(), false)) {
    const wrote = navigator.clipboard.writeText(text).then(
      () => true,
      () => false,
    );
    if (await within(wrote, false)) return true;
  }
  return within(ClipboardSetText(text).catch(() => false), false);
}

async function pageMayWriteClipboard(): Promise<boolean> {
  try {
    const p = await navigator.permissions.query({ name: 'clipboard-write' as PermissionName });
    return p.state === 'granted' && !!navigator.clipboard;
  } catch {
    return false;
  }
}

/** within settles with p, or with otherwise after ms: a clipboard never makes Copy hang. */
function within<T>(p: Promise<T>, otherwise: T, ms = 2000): Promise<T> {
  return Promise.race([p, new Promise<T>((resolve) => setTimeout(() => resolve(otherwise), ms))]);
}

/**
 * on subscribes to one of Go's events (lib/events.gen.ts, generated from
 * core.Events): its payload is typed by the event's name, so a payload or a
 * name changed in Go breaks the build here. It returns the unsubscribe.
 */
function on<E extends EventName>(name: E, f: (payload: Wire<Payloads[E]>) => void): () => void {
  return EventsOn(name, f);
}

/** onChat subscribes to the chat events; the returned function unsubscribes. */
export function onChat(handlers: {
  delta: (e: DeltaEvent) => void;
  done: (e: DoneEvent) => void;
  error: (e: ErrorEvent) => void;
  retry?: (e: RetryEvent) => void;
  idle?: (e: IdleEvent) => void;
}): () => void {
  const offs = [
    on(Event.CHAT_DELTA, handlers.delta),
    on(Event.CHAT_DONE, handlers.done),
    on(Event.CHAT_ERROR, handlers.error),
    on(Event.CHAT_RETRY, (e) => handlers.retry?.(e)),
    on(Event.CHAT_IDLE, (e) => handlers.idle?.(e)),
  ];
  return () => offs.forEach((off) => off());
}

/** windowProfile is the provider whose own window this is, or '' in the main window. */
export const windowProfile = (): Promise<string> => App.WindowProfile();
/** openProfileWindow opens a provider in its own window, or raises it. */
export const openProfileWindow = (profileId: string): Promise<void> => App.OpenProfileWindow(profileId);
export const setWindowTitle = (title: string): void => WindowSetTitle(title);
export const closeWindow = (): void => Quit();
/** onDataChanged fires when another window changed the data (settings says a setting did); it returns the unsubscribe. */
export const onDataChanged = (f: (c: DataChanges) => void): (() => void) => on(Event.DATA_CHANGED, f);
// Settings (lib/settings.svelte.ts): the window's own settings as JSON by
// key, the providers' order, and the proxies.
export const getSetting = (key: string): Promise<string> => App.GetSetting(key);
export const setSetting = (key: string, value: string): Promise<void> => App.SetSetting(key, value);
export const reorderProfiles = (ids: string[]): Promise<void> => App.ReorderProfiles(ids);
export const proxy = (scope: string): Promise<ProxyView> => App.Proxy(scope);
export const saveProxy = (scope: string, mode: ProxyMode, url: string, username: string, password: string): Promise<ProxyView> =>
  App.SaveProxy(scope, core.ProxySetting.createFrom({ mode, url }), username, password);
export const testProxy = (scope: string, mode: ProxyMode, url: string, username: string, password: string): Promise<ProxyCheck> =>
  App.TestProxy(scope, core.ProxySetting.createFrom({ mode, url }), username, password);

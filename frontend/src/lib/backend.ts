// The only module that talks to Go. Everything the UI needs from the
// backend goes through here, so the bindings can change in one place.
import * as App from '../../wailsjs/go/main/App';
import { ClipboardSetText, EventsOn } from '../../wailsjs/runtime/runtime';
import { core, store } from '../../wailsjs/go/models';
import type {
  Advice,
  ChatSettings,
  Conversation,
  Counts,
  DeltaEvent,
  DoctorStep,
  DoneEvent,
  ErrorEvent,
  ImportFormat,
  ImportSummary,
  KeyStatus,
  MessagePage,
  SearchHit,
  Preset,
  Profile,
} from './types';
import type { StoredMessage } from './stream';

export const presets = (): Promise<Preset[]> => App.Presets();
export const profiles = (): Promise<Profile[]> => App.Profiles() as Promise<Profile[]>;
export const saveProfile = (p: Profile): Promise<Profile> =>
  App.SaveProfile(store.Profile.createFrom({ ...p, createdAt: 0, updatedAt: 0 }));
export const deleteProfile = (id: string): Promise<void> => App.DeleteProfile(id);
export const wouldForgetKey = (profileId: string, baseUrl: string): Promise<boolean> =>
  App.WouldForgetKey(profileId, baseUrl);
export const endpoint = (kind: string, baseUrl: string, model: string): Promise<string> =>
  App.Endpoint(kind, baseUrl, model);

export const models = (p: Profile) => App.Models(store.Profile.createFrom({ ...p, createdAt: 0, updatedAt: 0 }));
export const detectOllama = (): Promise<string[]> => App.DetectOllama();

export const keyStatus = (profileId: string): Promise<KeyStatus> => App.KeyStatus(profileId);
export const setKey = (profileId: string, key: string): Promise<KeyStatus & { advice: Advice[] }> =>
  App.SetKey(profileId, key) as Promise<KeyStatus & { advice: Advice[] }>;
export const adviseBaseUrl = (kind: string, baseUrl: string): Promise<Advice[]> =>
  App.AdviseBaseURL(kind, baseUrl) as Promise<Advice[]>;

/** testConnection runs the doctor; onStep sees each step as it finishes. */
export async function testConnection(profileId: string, onStep: (s: DoctorStep) => void): Promise<DoctorStep[]> {
  const off = EventsOn('doctor:step', onStep);
  try {
    return (await App.TestConnection(profileId)) as DoctorStep[];
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
  App.SaveChatSettings(conversationId, store.ChatSettings.createFrom(s));
export const draft = (owner: string): Promise<string> => App.Draft(owner);
export const saveDraft = (owner: string, text: string): Promise<void> => App.SaveDraft(owner, text);
export const lastPlace = (): Promise<{ profileId: string; conversationId: string }> => App.LastPlace();
export const setLastPlace = (profileId: string, conversationId: string): Promise<void> =>
  App.SetLastPlace({ profileId, conversationId });
export const messages = (conversationId: string): Promise<StoredMessage[]> => App.Messages(conversationId);

// History: pages of a long conversation, search, the list's actions, files.
/** messagePage loads count messages of the branch shown from index from; a negative from means the last count. */
export const messagePage = (conversationId: string, from: number, count: number): Promise<MessagePage> =>
  App.MessagePage(conversationId, from, count) as Promise<MessagePage>;
export const messagePageAround = (messageId: string, count: number): Promise<MessagePage> =>
  App.MessagePageAround(messageId, count) as Promise<MessagePage>;
export const search = (query: string): Promise<SearchHit[]> => App.Search(query);
export const renameConversation = (id: string, title: string): Promise<void> => App.RenameConversation(id, title);
export const pinConversation = (id: string, pinned: boolean): Promise<void> => App.PinConversation(id, pinned);
/** pickSaveFile and pickOpenFile show the system's file dialog; '' when cancelled. */
export const pickSaveFile = (title: string, name: string): Promise<string> => App.PickSaveFile(title, name);
export const pickOpenFile = (title: string): Promise<string> => App.PickOpenFile(title);
export const exportConversation = (id: string, format: 'md' | 'json', path: string): Promise<void> =>
  App.ExportConversation(id, format, path);
export const backup = (path: string): Promise<Counts> => App.Backup(path);
export const restore = (path: string, replace: boolean): Promise<Counts> => App.Restore(path, replace);
export const importFile = (format: ImportFormat, path: string, moveKeys: boolean): Promise<ImportSummary> =>
  App.Import(format, path, moveKeys) as Promise<ImportSummary>;
export const autoBackup = (): Promise<string> => App.AutoBackup();

export const send = (conversationId: string, text: string) => App.Send(conversationId, text);
export const retry = (conversationId: string) => App.Retry(conversationId);
export const continueAnswer = (messageId: string): Promise<StoredMessage> => App.Continue(messageId);
export const regenerate = (answerId: string): Promise<StoredMessage> => App.Regenerate(answerId);
export const edit = (messageId: string, text: string) => App.Edit(messageId, text);
export const showAlternative = (messageId: string): Promise<void> => App.ShowAlternative(messageId);
export const deleteMessage = (id: string): Promise<void> => App.DeleteMessage(id);
export const cancel = (messageId: string): Promise<boolean> => App.Cancel(messageId);
export const openLink = (url: string): Promise<void> => App.OpenLink(url);
export const about = (): Promise<core.About> => App.About();

/**
 * copyText puts text on the system clipboard and says whether it did: the
 * page's own clipboard where it has one, else Go's (WebKitGTK often has none).
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return ClipboardSetText(text);
  }
}

/** onChat subscribes to the chat events; the returned function unsubscribes. */
export function onChat(handlers: {
  delta: (e: DeltaEvent) => void;
  done: (e: DoneEvent) => void;
  error: (e: ErrorEvent) => void;
}): () => void {
  const offs = [
    EventsOn('chat:delta', handlers.delta),
    EventsOn('chat:done', handlers.done),
    EventsOn('chat:error', handlers.error),
  ];
  return () => offs.forEach((off) => off());
}

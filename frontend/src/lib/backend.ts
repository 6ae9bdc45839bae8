// The only module that talks to Go. Everything the UI needs from the
// backend goes through here, so the bindings can change in one place.
import * as App from '../../wailsjs/go/main/App';
import { ClipboardSetText, EventsOn } from '../../wailsjs/runtime/runtime';
import { core, store } from '../../wailsjs/go/models';
import type {
  Advice,
  ChatContext,
  ChatSettings,
  Conversation,
  DeltaEvent,
  DoctorStep,
  DoneEvent,
  ErrorEvent,
  KeyStatus,
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

export const conversations = (profileId: string): Promise<Conversation[]> => App.Conversations(profileId);
export const newConversation = (profileId: string): Promise<Conversation> => App.NewConversation(profileId);
export const deleteConversation = (id: string): Promise<void> => App.DeleteConversation(id);
export const chatSettings = (conversationId: string): Promise<ChatSettings> => App.ChatSettings(conversationId);
export const saveChatSettings = (conversationId: string, s: ChatSettings): Promise<void> =>
  App.SaveChatSettings(conversationId, store.ChatSettings.createFrom(s));
export const chatContext = (conversationId: string): Promise<ChatContext> => App.ChatContext(conversationId);
export const draft = (owner: string): Promise<string> => App.Draft(owner);
export const saveDraft = (owner: string, text: string): Promise<void> => App.SaveDraft(owner, text);
export const lastPlace = (): Promise<{ profileId: string; conversationId: string }> => App.LastPlace();
export const setLastPlace = (profileId: string, conversationId: string): Promise<void> =>
  App.SetLastPlace({ profileId, conversationId });
export const messages = (conversationId: string): Promise<StoredMessage[]> => App.Messages(conversationId);

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

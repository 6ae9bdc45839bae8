// Types shared by the UI. What Go sends is generated from its types
// (`make bindings`: wailsjs/go/models.ts for the bound methods and enums,
// lib/events.gen.ts for the events) and only named here; what is declared
// here is the UI's own.
import type { chat, core, doctor, importer, keychain, llm, problem, providers, store } from '../../wailsjs/go/models';
import type * as events from './events.gen';

/**
 * Wire is a generated Go type as JSON brings it: its fields without the
 * generated class's methods, a Go enum (EnumBind in main.go) as the union of
 * its values, so `p.kind === 'auth'` is checked against problem.Kind.
 */
export type Wire<T> = T extends string
  ? `${T}`
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: Wire<T[K]> }
      : T;

/**
 * A failure explained by Go's problem package, in its one shape: the JSON of
 * problem.Problem, whether it came in an event or, as text, in the Error a
 * bound method rejected with (toProblem in lib/stream.ts reads it back).
 * wordsId and facts say which explanation of Go's catalogue the words are
 * (lib/i18n wording).
 */
export type Problem = Wire<problem.Problem>;
/** A kind of problem: problem.Kind's values. */
export type ProblemKind = Problem['kind'];

/** Who wrote a message: llm.Role's values. */
export type Role = Wire<llm.Role>;
/** How far a message has got: store.Status's values. */
export type MessageStatus = Wire<store.Status>;

/** Whether a profile's server wants a key; Go decides (core.NeedsKey). */
export type KeyNeed = Wire<core.KeyNeed>;

/** A message as the chat view shows it. */
export interface ChatMessage {
  id: string;
  conversationId: string;
  role: Role;
  content: string;
  reasoning: string;
  status: MessageStatus;
  problem: Problem | null;
  model: string;
  /** The last delta seq applied, so repeats are ignored. */
  seq: number;
  inputTokens: number;
  outputTokens: number;
  /** How long the model reasoned; while it still reasons, 0. */
  reasoningMs: number;
  /** When the first reasoning arrived (ms since epoch), while streaming. */
  reasoningStart: number;
  /** Deltas that arrived ahead of their turn, by seq. */
  early: Record<number, DeltaEvent>;
  /** A terminal event that arrived before all of its deltas. */
  ending: DoneEvent | ErrorEvent | null;
  /** Ids of the messages in this one's place (regenerated answers, edited versions), itself included, oldest first. */
  alternatives: string[];
  /** Why the answer ended, in Go's neutral words: 'length' when the token limit cut it. */
  finish: string;
  /** A retry or a silence under way, while streaming (lib/netnote.ts). */
  net?: NetNote | null;
}

/** chat:delta — text to append to a message, in seq order. */
export type DeltaEvent = Wire<events.chat.Delta>;
/** chat:done — the answer ended: done, stopped or interrupted. */
export type DoneEvent = Wire<events.chat.Done>;
/** chat:error — the answer failed with a problem. */
export type ErrorEvent = Wire<events.chat.Failed>;
/** chat:retry — a request failed before any answer and is sent again in inMs. */
export type RetryEvent = Wire<events.chat.Retrying>;
/** chat:idle — nothing arrived for silentMs; the stream waits once more. */
export type IdleEvent = Wire<events.chat.Idle>;
/** data:changed — another window (or a model-written title) changed the data. */
export type DataChanges = Wire<events.store.Changes>;

/** What the network is doing to a streaming answer, shown under it until data arrives. */
export type NetNote =
  | { kind: 'retry'; attempt: number; max: number; seconds: number; title: string }
  | { kind: 'idle'; seconds: number };

/** A profile as Go lists it, with whether it needs a key and the reasoning parameters its kind takes. */
export type Profile = Wire<core.ProfileView>;
/** A profile as the form edits it and Go saves it. */
export type ProfileForm = Wire<store.Profile>;
/** emptyProfile is a new profile's form: nothing set, Parley's default waits (0). */
export const emptyProfile = (): ProfileForm => ({
  id: '', name: '', kind: 'openai', preset: '', baseUrl: '', model: '', systemPrompt: '',
  createdAt: 0, updatedAt: 0, connectTimeoutMs: 0, firstByteTimeoutMs: 0, idleTimeoutMs: 0,
});

/** A conversation's own model and parameters; unset fields follow the profile or the provider. */
export type ChatSettings = Wire<core.ChatSettings>;

/** What the next request sends of a conversation. */
export type ChatContext = Wire<chat.Context>;

export type Preset = Wire<providers.Preset>;

/** A conversation, with how many messages it holds and the tokens its answers used. */
export type Conversation = Wire<core.ConversationView>;

/** A run of the branch a conversation shows: messages from index from, of total. */
export type MessagePage = Wire<core.MessagePage>;

/** One message found by a search; snippet is plain text with the matches between <mark> and </mark>. */
export type SearchHit = Wire<store.SearchHit>;

/** How much a backup or restore held. */
export type Counts = Wire<core.Counts>;

/** Another app's export Go imports: importer.Format's values. */
export type ImportFormat = Wire<importer.Format>;
/** How a conversation is exported: core.ExportFormat's values. */
export type ExportFormat = Wire<core.ExportFormat>;

/** What an import did: counts, what was skipped and why, and the keys the file held. */
export type ImportSummary = Wire<core.ImportSummary>;

/** Whether a key is set and its hint; unavailable says why the keychain could not be asked. */
export type KeyStatus = Wire<keychain.Status>;

/** An Ollama found running on this computer: where, and its models (none when nothing is pulled yet). */
export type OllamaFound = Wire<core.OllamaFound>;

/** One explanation of Go's catalogues, in one language (App.ProblemWords). */
export type Explanation = Wire<problem.Explanation>;

/** One phrase of Go's catalogues (problem.Phrase): advice on a base URL or key, what a doctor step found. */
export type Phrase = Wire<problem.Phrase>;

/** Advice on a base URL or key that looks wrong, with a fix when there is one. */
export type Advice = Wire<providers.Advice>;

/** One step of the connection doctor. */
export type DoctorStep = Wire<doctor.Step>;

/** A key saved: its status, with advice when it looks like another provider's. */
export type KeySaved = Wire<core.KeySaved>;

/** How requests reach a provider: providers.ProxyMode's values ('' defers to the default). */
export type ProxyMode = Wire<providers.ProxyMode>;
/** A proxy setting as the window may see it: the user name, and only whether a password is saved. */
export type ProxyView = Wire<core.ProxyView>;
/** What "Test proxy" found. */
export type ProxyCheck = Wire<core.ProxyCheck>;

/** The provider and conversation open last. */
export type Place = Wire<core.Place>;

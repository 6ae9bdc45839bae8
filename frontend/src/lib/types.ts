// Types shared by the UI. What Go sends is generated from its types
// (wailsjs/go/models.ts, `make bindings`) and only named here; what is
// declared here is the UI's own.
import type { chat, core, keychain, problem, providers, store } from '../../wailsjs/go/models';

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

export type Role = 'user' | 'assistant' | 'system';
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

export interface DeltaEvent {
  messageId: string;
  conversationId: string;
  seq: number;
  text: string;
  reasoning: string;
}

export interface DoneEvent {
  messageId: string;
  conversationId: string;
  status: 'done' | 'stopped' | 'interrupted';
  finish: string;
  usage: { inputTokens: number; outputTokens: number } | null;
  reasoningMs: number;
  lastSeq: number;
}

export interface ErrorEvent {
  messageId: string;
  conversationId: string;
  problem: Problem;
  lastSeq: number;
}

/** chat:retry — a request failed before any answer and is sent again in inMs. */
export interface RetryEvent {
  messageId: string;
  conversationId: string;
  attempt: number;
  max: number;
  inMs: number;
  problem: Problem;
}

/** chat:idle — nothing arrived for silentMs; the stream waits once more. */
export interface IdleEvent {
  messageId: string;
  conversationId: string;
  silentMs: number;
  phase: 'first_byte' | 'idle';
}

/** What the network is doing to a streaming answer, shown under it until data arrives. */
export type NetNote =
  | { kind: 'retry'; attempt: number; max: number; seconds: number; title: string }
  | { kind: 'idle'; seconds: number };

export interface Profile {
  id: string;
  name: string;
  kind: string;
  preset: string;
  baseUrl: string;
  model: string;
  systemPrompt: string;
  /** The profile's network waits in ms; 0 or unset is Parley's default. */
  connectTimeoutMs?: number;
  firstByteTimeoutMs?: number;
  idleTimeoutMs?: number;
  /** Set on profiles Go lists; a form being edited has none. */
  keyNeed?: KeyNeed;
  /** The reasoning parameters this kind takes ('effort', 'budget'); set by Go. */
  reasoning?: string[];
}

/** A conversation's own model and parameters; unset fields follow the profile or the provider. */
export interface ChatSettings {
  model: string;
  systemPrompt?: string;
  temperature?: number;
  topP?: number;
  maxTokens: number;
  reasoningEffort: string;
  thinkingBudget?: number;
  /** Send at most this many of the latest messages; 0 or unset: no count. */
  contextMessages?: number;
  /** Send about this many tokens of history at most; 0 or unset: from the model's context size. */
  contextTokens?: number;
}

/** What the next request sends of a conversation. */
export type ChatContext = Wire<chat.Context>;

export type Preset = Wire<providers.Preset>;

export interface Conversation {
  id: string;
  profileId: string;
  title: string;
  updatedAt: number;
  pinned?: boolean;
  /** How many messages it holds and the tokens its answers used (from the history list). */
  messages?: number;
  inputTokens?: number;
  outputTokens?: number;
}

/** A run of the branch a conversation shows: messages from index from, of total. */
export type MessagePage = Wire<core.MessagePage>;

/** One message found by a search; snippet is plain text with the matches between <mark> and </mark>. */
export type SearchHit = Wire<store.SearchHit>;

/** How much a backup or restore held. */
export type Counts = Wire<core.Counts>;

export type ImportFormat = 'nextchat' | 'chatbox' | 'chatgpt';

/** What an import did: counts, what was skipped and why, and the keys the file held. */
export type ImportSummary = Wire<core.ImportSummary>;

/** Whether a key is set and its hint; unavailable says why the keychain could not be asked. */
export type KeyStatus = Wire<keychain.Status>;

/** An Ollama found running on this computer: where, and its models (none when nothing is pulled yet). */
export type OllamaFound = Wire<core.OllamaFound>;

/** One phrase of Go's catalogues (problem.Phrase): advice on a base URL or key, what a doctor step found. */
export interface Phrase {
  wordsId: string;
  facts?: Record<string, string>;
  /** 'detail' says the entry's detail (a problem's explanation said as advice); else its title. */
  part?: string;
}

/** Advice on a base URL or key that looks wrong, with a fix when there is one. */
export interface Advice {
  severity: 'error' | 'warning';
  message: string;
  /** message by its words in Go's catalogues, for the window's language. */
  phrases?: Phrase[];
  suggested?: string;
}

/** One step of the connection doctor. */
export interface DoctorStep {
  name: string;
  status: 'ok' | 'warning' | 'failed' | 'skipped';
  millis: number;
  detail: string;
  /** detail by its words in Go's catalogues; in a failed Address step, the advice its problem quotes. */
  phrases?: Phrase[];
  problem?: Problem;
}

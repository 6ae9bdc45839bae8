// Assembly of streamed answers from chat events. Pure functions, so the
// rules (ignore repeats, one terminal state) are tested without a window.
import type { ChatMessage, DeltaEvent, DoneEvent, ErrorEvent, Problem, Role, MessageStatus } from './types';

/** The stored form of a message, as the Go binding returns it. */
export interface StoredMessage {
  id: string;
  conversationId: string;
  role: string;
  content: string;
  reasoning: string;
  status: string;
  problem: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  reasoningMs: number;
}

/** fromStored turns a stored message into what the view shows. */
export function fromStored(m: StoredMessage): ChatMessage {
  return {
    id: m.id,
    conversationId: m.conversationId,
    role: m.role as Role,
    content: m.content,
    reasoning: m.reasoning,
    status: m.status as MessageStatus,
    problem: parseProblem(m.problem),
    model: m.model,
    seq: 0,
    inputTokens: m.inputTokens,
    outputTokens: m.outputTokens,
    reasoningMs: m.reasoningMs,
    reasoningStart: 0,
  };
}

function parseProblem(raw: string): Problem | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Problem;
  } catch {
    return { kind: 'internal', title: 'A stored problem could not be read', detail: raw, fix: '' };
  }
}

/**
 * applyDelta appends a delta's text unless it was already applied. now is
 * the arrival time, which times the reasoning while it streams.
 */
export function applyDelta(m: ChatMessage, d: DeltaEvent, now = Date.now()): ChatMessage {
  if (d.messageId !== m.id || d.seq <= m.seq || m.status !== 'streaming') return m;
  let { reasoningStart, reasoningMs } = m;
  if (d.reasoning && !reasoningStart) reasoningStart = now;
  if (d.text && reasoningStart && !reasoningMs) reasoningMs = Math.max(1, now - reasoningStart);
  return { ...m, seq: d.seq, content: m.content + d.text, reasoning: m.reasoning + d.reasoning, reasoningStart, reasoningMs };
}

/** applyDone ends a streaming message as done or stopped. */
export function applyDone(m: ChatMessage, e: DoneEvent): ChatMessage {
  if (e.messageId !== m.id) return m;
  return {
    ...m,
    status: e.status,
    inputTokens: e.usage?.inputTokens ?? m.inputTokens,
    outputTokens: e.usage?.outputTokens ?? m.outputTokens,
    reasoningMs: e.reasoningMs || m.reasoningMs,
  };
}

/** applyError ends a streaming message with a problem, keeping its text. */
export function applyError(m: ChatMessage, e: ErrorEvent): ChatMessage {
  if (e.messageId !== m.id) return m;
  return { ...m, status: 'error', problem: e.problem };
}

function isProblem(v: unknown): v is Problem {
  return !!v && typeof v === 'object' && 'title' in v && 'kind' in v;
}

/**
 * toProblem makes a Problem of whatever a bound method rejected with. Go
 * sends a Problem as JSON text, which the Wails runtime wraps in an Error.
 */
export function toProblem(e: unknown): Problem {
  if (isProblem(e)) return e;
  const text = e instanceof Error ? e.message : String(e);
  try {
    const parsed: unknown = JSON.parse(text);
    if (isProblem(parsed)) return parsed;
  } catch {
    // not JSON: an error from the runtime itself
  }
  return { kind: 'internal', title: 'Something went wrong', detail: text, fix: 'Try again; if it keeps happening, restart Parley.' };
}

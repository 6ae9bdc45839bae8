// Assembly of streamed answers from chat events. Pure functions, so the
// rules (ignore repeats, one terminal state) are tested without a window.
import type { core } from '../../wailsjs/go/models';
import type { ChatMessage, DeltaEvent, DoneEvent, ErrorEvent, Problem, Wire } from './types';

/** The stored form of a message, as the Go binding returns it (core.MessageView). */
export type StoredMessage = Wire<core.MessageView>;

/** fromStored turns a stored message into what the view shows. */
export function fromStored(m: StoredMessage): ChatMessage {
  return {
    id: m.id,
    conversationId: m.conversationId,
    role: m.role,
    content: m.content,
    reasoning: m.reasoning,
    status: m.status,
    problem: m.problem ?? null,
    model: m.model,
    seq: m.lastSeq ?? 0,
    inputTokens: m.inputTokens,
    outputTokens: m.outputTokens,
    reasoningMs: m.reasoningMs,
    reasoningStart: 0,
    early: {},
    ending: null,
    // Go sends none (null) for a message a turn just stored.
    alternatives: m.alternatives?.length ? m.alternatives : [m.id],
    finish: m.finish ?? '',
  };
}

/** cutByTokenLimit reports whether an answer ended because it reached the token limit (max tokens). */
export function cutByTokenLimit(m: ChatMessage): boolean {
  return m.role === 'assistant' && m.status === 'done' && m.finish === 'length';
}

/**
 * applyDelta appends a delta's text in seq order: a repeat is ignored and
 * one that arrives ahead of its turn waits until the gap is filled (the
 * event transport does not promise order). now times the reasoning.
 */
export function applyDelta(m: ChatMessage, d: DeltaEvent, now = Date.now()): ChatMessage {
  if (d.messageId !== m.id || d.seq <= m.seq || m.status !== 'streaming') return m;
  if (d.seq > m.seq + 1) return { ...m, early: { ...m.early, [d.seq]: d } };
  let next = append(m, d, now);
  for (let e = next.early[next.seq + 1]; e; e = next.early[next.seq + 1]) {
    const { [e.seq]: _, ...rest } = next.early;
    next = append({ ...next, early: rest }, e, now);
  }
  return next.ending && next.seq >= next.ending.lastSeq ? end(next, next.ending) : next;
}

function append(m: ChatMessage, d: DeltaEvent, now: number): ChatMessage {
  let { reasoningStart, reasoningMs } = m;
  if (d.reasoning && !reasoningStart) reasoningStart = now;
  if (d.text && reasoningStart && !reasoningMs) reasoningMs = Math.max(1, now - reasoningStart);
  return { ...m, seq: d.seq, content: m.content + d.text, reasoning: m.reasoning + d.reasoning, reasoningStart, reasoningMs };
}

/**
 * applyDone and applyError end a streaming message, keeping its text; when
 * deltas are still on their way the end waits for them.
 */
export function applyDone(m: ChatMessage, e: DoneEvent): ChatMessage {
  return applyEnd(m, e);
}

export function applyError(m: ChatMessage, e: ErrorEvent): ChatMessage {
  return applyEnd(m, e);
}

function applyEnd(m: ChatMessage, e: DoneEvent | ErrorEvent): ChatMessage {
  if (e.messageId !== m.id || m.status !== 'streaming') return m;
  return m.seq >= (e.lastSeq ?? 0) ? end(m, e) : { ...m, ending: e };
}

function end(m: ChatMessage, e: DoneEvent | ErrorEvent): ChatMessage {
  const base = { ...m, ending: null, early: {} };
  if ('problem' in e) return { ...base, status: 'error', problem: e.problem };
  return {
    ...base,
    status: e.status,
    finish: e.finish ?? '',
    inputTokens: e.usage?.inputTokens ?? m.inputTokens,
    outputTokens: e.usage?.outputTokens ?? m.outputTokens,
    reasoningMs: e.reasoningMs || m.reasoningMs,
  };
}

function isProblem(v: unknown): v is Problem {
  return !!v && typeof v === 'object' && 'title' in v && 'kind' in v;
}

/**
 * toProblem makes a Problem of whatever was thrown. lib/backend.ts calls it
 * on every bound method's rejection (Go sends a Problem as JSON text, which
 * the Wails runtime wraps in an Error), so a caller of backend gets the
 * object already; anything else thrown becomes an internal problem.
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
  // Worded by Go's "internal" explanation in the window's language (lib/i18n wording).
  return {
    kind: 'internal', title: 'Something went wrong', detail: text, fix: 'Try again; if it keeps happening, restart Parley.',
    wordsId: 'internal', facts: { cause: text },
  };
}

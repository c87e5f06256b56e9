/**
 * How the reply to a keep that was honoured begins ("OK, kept: fd, not removed."), written by the
 * rules (agent/rules/protections.ts) and read by `levitate ask` (agent/session/answered.ts): the
 * request was answered, whatever its wording, so it exits 0 (attacker 25 M4).
 */
export const KEPT_REPLY_LEAD = "OK, kept: ";

export const isKeepReply = (reply: string): boolean => reply.startsWith(KEPT_REPLY_LEAD);

import { isPlanQuestion } from "../safety/question.js";

/**
 * Whether a one-shot request that planned nothing was answered (exit 0: "what is installed?",
 * "hi") rather than refused or not understood (exit 1: "install firefox", "remove user lena"):
 * README's exit codes. A question is answered by its reply; anything else asked for an action.
 */
const QUESTION_LEAD =
  /^\s*(?:what|whats|what's|which|how|why|where|who|when|is|are|does|do|did|can|could|will|would|should|has|have|hi|hello|hey|help|thanks|thank you)\b/i;

export function answered(text: string): boolean {
  return /\?\s*$/.test(text) || isPlanQuestion(text) || QUESTION_LEAD.test(text);
}

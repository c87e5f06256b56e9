/**
 * A yes with an exception (tester 8, W4): "sure, minus fd", "yes except the fd bit", "ok bar
 * tmux". The exception is the point: the program leaves the plan and nothing is confirmed, as
 * "yes, without fd" already reads. "sure, minus fd" had planned fd again, "yes except the fd bit"
 * kept it.
 */
const EXCEPTED =
  /^(\s*(?:yes|yeah|yep|yup|sure|ok|okay|fine|alright|go|go ahead|sounds good|looks good|lgtm)[,.!]?)\s+(?:but\s+)?(?:minus|except(?:\s+for)?|bar|apart\s+from|save\s+for|excluding|less|sans|but\s+not|not|skip|skipping|leave\s+out|leaving\s+out)\s+(?:the\s+)?([a-z0-9][a-z0-9._+-]*)(?:\s+(?:bit|one|part|thing|step|install))?(?=\s*(?:$|[,.;!?]|\s+(?:please|pls|tho|though|thanks|thx)\b))/i;

/** "sure, minus fd" → "sure, without fd"; other words come back unchanged. */
export function restateConfirmExceptions(text: string, programs: ReadonlySet<string>): string {
  return text.replace(EXCEPTED, (whole, yes: string, name: string) =>
    programs.has(name.toLowerCase()) ? `${yes.replace(/[,.!]$/, "")}, without ${name}` : whole,
  );
}

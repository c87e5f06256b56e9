/**
 * Words that take the privilege by their own form (tester 18 W6): a privative prefix on the
 * privilege ("unsudo bob", "de-admin bob", "bob is unadmined") and a verb that means losing rank
 * ("demote bob", "downgrade bob") with no privilege word beside it. They were read as nothing, the
 * answer was "Go ahead with the plan?", and a yes kept bob's sudo. Said in the words the sudo reader
 * knows ("no sudo", "no sudo for bob") before it reads them (./sudoRefs.ts).
 */
const PRIVATIVE = /\b(?:un|de|dis)-?(?:sudo|admin|root|wheel)(?:ed|s|ing)?\b/gi;
const DEMOTE = /\b(?:demote|demoted|demoting|downgrade|downgraded|deprivilege|deprivileged|depromote)\b/gi;
const PRIVILEGE = /\b(?:sudo|sudoer|admin|administrator|root|wheel|superuser|privileges?|rights)\b/i;

export function privativeSudo(text: string): string {
  const out = text.replace(PRIVATIVE, "no sudo");
  // "demote bob to admin" names the rank itself: left to the reader as it is
  return PRIVILEGE.test(text) ? out : out.replace(DEMOTE, "no sudo for");
}

/**
 * The word for "user" in the languages people mix into an English request: "neuer Benutzer jonas,
 * kein sudo" named no one, so the first plain word ("kein") became the account and took the
 * privilege the words refused. Said as "user", the name after it stands where a name goes
 * (agent/rules/userNames.ts); the refusal words themselves are read by the one sudo reader
 * (agent/safety/sudoReader.ts) and are never names.
 */
const USER_NOUNS =
  /\b(?:benutzer(?:in)?|nutzer(?:in)?|benutzerkonto|utilisateur(?:rice)?|usuari[oa]|usu[aá]ri[oa]|utilizador(?:a)?|utente|gebruiker|anv[aä]ndare|bruger|bruker|u[zż]ytkownik|u[zž]ivatel|pol['’]?zovatel(?:ya|yu|em|e|i|ey|ei|a)?|akkaunt(?:a|y|om)?|korystuvach(?:a|u)?|p[eë]rdorues(?:in|i|it)?)\b/gi;

/**
 * Their plurals, said as "users": "utilizadores ana e rui", "usuarios juan y eva", "utenti marco e
 * lia" (European Portuguese "utilizador" and every plural were missing: "Utilizador joana, com sudo"
 * named no one, dev25-mixed h24m-025).
 */
const USER_PLURALS =
  /\b(?:benutzerinnen|nutzerinnen|utilisateur(?:s|rices)|usuari[oa]s|usu[aá]ri[oa]s|utilizador(?:es|as)|utenti|gebruikers|anv[aä]ndarna|brugere|brukere|u[zż]ytkownic(?:y|ow)|u[zż]ytkownik[oó]w)\b/gi;

/** The words with each foreign word for a user said as "user"; the same string when there is none. */
export function foreignAccountWords(text: string): string {
  return text.replace(USER_PLURALS, "users").replace(USER_NOUNS, "user");
}

/**
 * The closed class of "the person's things": every common word for what a person stores on a disk
 * (both numbers, the spellings a non-native writes, "stuff" and "things" included). One list for
 * every reader that hears a disk said to hold them: the statement that keeps a disk
 * (heldThings.ts: "the seagate has my photos") and the objection to a planned erase
 * (rules/thingsObjection.ts: "it's got my backups", "my files!"). Two lists written apart drifted
 * ("notes", "mp3s", "dissertation", "repos" each heard by one reader only); a word missing here is
 * a keep that is not heard, so the list is the union.
 */
export const THINGS = String.raw`(?:back-?ups?|backed-?up\s+stuff|photos?|fotos?|pictures?|pics|images|files?|data|daten|documents?|docs|dissertation|work|music|songs|mp3s|videos?|vids|movies|films|games?|saves?|savegames|memories|thesis|projects?|stuff|things|downloads|archives?|e?mails|notes|recordings?|collections?|library|libraries|code|repos?|homework|schoolwork|papers|records|life|time\s*machine)`;

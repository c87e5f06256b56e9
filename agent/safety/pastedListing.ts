/**
 * A disk listing pasted into the chat (lsblk, fdisk -l) names every disk on the machine; it chooses
 * none. "NAME SIZE TYPE / sda 465.8G disk / nvme0n1 931.5G disk / the 931G one" asks for the 931G
 * disk, yet a reader that takes the first disk it meets erased sda (dev10 h9-120). The rows leave
 * the words before anything reads them; what the person wrote on a row ("sda ... <- my backups,
 * keep") stays, said of that row's device, so a protection written into a paste is still read.
 */

const TREE = /^[\s├└│─`|\\-]*/;
/** lsblk's and fdisk's header lines. */
const HEADER =
  /^\s*(?:NAME\s+(?:MAJ:MIN|SIZE|FSTYPE|TYPE|MODEL|LABEL)\b|Device\s+(?:Boot\s+)?Start\s+End\b|Units:|Sector size|I\/O size|Disklabel type|Disk identifier|Disk model:)/i;
/** A row: a device name, then a size or a type column. */
const ROW =
  /^((?:\/dev\/)?(?:sd[a-z]+|vd[a-z]+|hd[a-z]+|xvd[a-z]+|nvme\d+n\d+|mmcblk\d+|loop\d+|sr\d+|dm-\d+|md\d+)(?:p?\d+)?)\s+(?=.*(?:\b\d+(?:[.,]\d+)?\s*[KMGTP]i?B?\b|\b(?:disk|part|rom|loop|crypt|lvm|raid\d*)\b))(.*)$/i;
/** fdisk's "Disk /dev/sda: 465.76 GiB, 500107862016 bytes, ..." */
const FDISK_DISK = /^\s*Disk\s+(\/dev\/\S+?):\s+.*\bbytes\b/i;
/** What the person wrote after a row: "<- windows", "# keep", "-- empty". */
const NOTE = /\s(?:<-+|←|#|--+|\(\s*(?=[a-z]))\s*(.*?)\)?\s*$/i;

/** The words without the rows of a pasted listing; unchanged when there is none. */
export function withoutPastedListing(text: string): string {
  if (!text.includes("\n")) return text;
  const lines = text.split(/\r?\n/);
  let rows = 0;
  const out: string[] = [];
  for (const line of lines) {
    const bare = line.replace(TREE, "");
    if (HEADER.test(bare)) {
      rows++;
      continue;
    }
    const disk = FDISK_DISK.exec(bare);
    const row = disk ? undefined : ROW.exec(bare);
    if (!disk && !row) {
      out.push(line);
      continue;
    }
    rows++;
    const note = row ? NOTE.exec(row[2]!)?.[1]?.trim() : undefined;
    if (note && /[a-z]{2}/i.test(note)) out.push(`${row![1]}: ${note}.`);
  }
  // one line that looks like a row is a sentence ("sda 500gb disk please"), not a paste
  if (rows < 2) return text;
  return out.join("\n").trim();
}

/**
 * "a disk usage tool", "measuring disk space", "a drive health monitor": the disk word is the
 * first half of a noun about disks in general, not a disk of this machine. Read alone it was one,
 * and on a machine with one disk "add dust, a disk usage tool" erased that disk. Said with
 * "storage" instead, the words name no disk; "free disk space" becomes "free space", which the
 * readers of installing beside another system already know.
 */

const HEADS =
  "usage|utili[sz]ation|utility|utilities|tools?|analy[sz]ers?|analysis|health|speed|benchmarks?|monitor(?:ing|s)?|activity|i\\/o|io|throughput|cleanup|cleaner|hogs?|stats|statistics|quotas?|inspector|visuali[sz]er|explorer";

const DISK_COMPOUND = new RegExp(`\\b(?:disk|drive|ssd|hdd|storage)[- ](${HEADS})\\b`, "gi");

export function sayDiskCompounds(text: string): string {
  return text
    .replace(DISK_COMPOUND, (_whole, head: string) => `storage ${head}`)
    .replace(/\bdisk[- ]space\b/gi, "space");
}

import { type Facts, FactsSchema } from "../../facts/schema.js";

/**
 * The fourth attacker's machine (facts2.json): a Samsung with Windows, its ESP and 200 GB free; a
 * WD_BLACK with one ext4 "photos" and no free space; the SanDisk live medium.
 */
export const WIN_WD: Facts = FactsSchema.parse({
  mode: "live",
  firmware: "uefi",
  filesystems: ["ext4", "xfs", "vfat"],
  dmCrypt: true,
  disks: [
    {
      path: "/dev/sda",
      sizeBytes: 500107862016,
      model: "Samsung SSD 870 EVO",
      transport: "sata",
      table: "gpt",
      freeBytes: 200000000000,
      partitions: [
        {
          path: "/dev/sda1",
          sizeBytes: 104857600,
          fstype: "vfat",
          esp: true,
          startBytes: 1048576,
          loaders: ["EFI/Microsoft/Boot/bootmgfw.efi"],
          fsFreeBytes: 80000000,
        },
        {
          path: "/dev/sda2",
          sizeBytes: 299000000000,
          fstype: "ntfs",
          os: "Windows Boot Manager",
          startBytes: 105906176,
        },
      ],
    },
    {
      path: "/dev/nvme0n1",
      sizeBytes: 1000204886016,
      model: "WD_BLACK SN850X 1TB",
      transport: "nvme",
      table: "gpt",
      freeBytes: 0,
      partitions: [
        {
          path: "/dev/nvme0n1p1",
          sizeBytes: 1000203837440,
          fstype: "ext4",
          label: "photos",
          startBytes: 1048576,
        },
      ],
    },
    {
      path: "/dev/sdc",
      sizeBytes: 32000000000,
      model: "SanDisk Ultra",
      transport: "usb",
      removable: true,
      liveMedium: true,
      table: "dos",
      partitions: [{ path: "/dev/sdc1", sizeBytes: 31000000000, fstype: "iso9660", label: "LEVITATE" }],
    },
  ],
  users: [],
  recipes: ["ripgrep", "fd", "git"],
  installed: [],
});

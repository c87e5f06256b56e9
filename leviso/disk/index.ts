/** Disks for the installer: layout sizing, partition/format/mount steps, fstab and bootloader. */
export {
  computeLayout,
  DiskTooSmallError,
  type Filesystem,
  type Firmware,
  fsDevice,
  type Layout,
  LayoutError,
  type LayoutRequest,
  MIN_EFI_BYTES,
  MIN_HOME_BYTES,
  MIN_ROOT_BYTES,
  type PlannedPartition,
  partitionDevice,
  sfdiskScript,
} from "./layout.js";
export { crypttabContent } from "./luksBoot.js";
export {
  bootloaderSteps,
  formatSteps,
  fstabContent,
  fstabSteps,
  kernelOptions,
  mountSteps,
  partitionSteps,
} from "./steps.js";

/** Configure a root filesystem: users, locale, hostname. Used by the installer's tools and by leviso. */

export { inRoot, isUnderRoot, RootEscapeError } from "../../steps/rootPath.js";
export { keymapsOf, loadNameCatalog, localesOf, type NameCatalog, timezonesOf } from "./catalog.js";
export { hostnameSteps, type LocaleSpec, localeSteps } from "./locale.js";
export {
  hashSecretName,
  type PasswordSource,
  SUDOERS_CONTENT,
  SUDOERS_DROPIN,
  sudoersStep,
  type UserSpec,
  type UserStepsOptions,
  userSteps,
} from "./users.js";

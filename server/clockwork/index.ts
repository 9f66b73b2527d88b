// The Clockwork client and sandbox. Everything outside server/clockwork/ imports from here only.
export { createClockworkClient } from "./client"
export type { ClockworkClient, ClockworkClientOptions, ClockworkCredentials, VerifyResult } from "./client"
export type { AttemptInfo } from "./transport"
export { RETRY_AFTER_MARGIN_MS, backoffCap, backoffDelay } from "./retry"
export { assertValidFirm, DEFAULT_BASE_URL } from "./firm"
export {
  ClockworkError,
  InvalidInputError,
  InvalidResponse,
  NotFound,
  RateLimited,
  Rejected,
  Timeout,
  Unauthorized,
  Upstream,
  type ClockworkErrorKind,
} from "./errors"
export { findPerson } from "./lookup"
export { companyOf, currentPosition, isCurrentPosition, locationOf, personName, toSnapshot, toSummary } from "./snapshot"
export type {
  AddressInput,
  AttachmentInput,
  CreatePersonInput,
  CwAddress,
  CwAttachment,
  CwCandidacy,
  CwCompany,
  CwCustomField,
  CwEducation,
  CwEmail,
  CwLinkedinUrl,
  CwNamed,
  CwNote,
  CwPerson,
  CwPersonTag,
  CwPhone,
  CwPosition,
  CwProject,
  CwStatus,
  CwWebSite,
  EducationInput,
  NoteInput,
  PageInput,
  PositionInput,
  UpdatePersonInput,
} from "./schemas"
export { activationBody, createSandbox, DEMO_ACTIVATION, DEMO_FIRM, DEMO_SEED } from "./sandbox/index"
export type {
  Faults,
  FaultsInput,
  FirmSeed,
  FirmStats,
  LedgerEntry,
  Sandbox,
  SandboxCredentials,
  SandboxListener,
  SandboxOptions,
  WebhookDelivery,
} from "./sandbox/index"

/** Every type the window uses from the contract and the core's view, in one place (types only: nothing of Node reaches the bundle). */
export type {
  ApiErrorBody,
  ApiEvent,
  ApiMethod,
  AuditEntry,
  Connection,
  ConnectionBrief,
  ConnectionCheck,
  ConnectionSecretsInput,
  ConnectionView,
  CopyResult,
  DiscoveredIssuer,
  ExportFile,
  ImportResult,
  ListSnapshot,
  Partner,
  PartnerBrief,
  PresetInfo,
  RenewalOutcome,
  RevokeResult,
  Settings,
  ShareDraft,
  SignInResult,
  TokenBrief,
  TokenTrayApi,
  TokenTrayBridge,
  TokenView,
  VerifyResult,
} from '../../preload/api';
export type { ConnectionStatus } from '../../main/core/view/connection-status';
export type { ConnectionInput, Dialect, TokenStatus, FollowUp, PartnerInput } from '../../main/core/domain';
export type { RenewalProfileInput } from '../../main/core/dialects/profile';

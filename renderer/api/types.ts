/** Every type the window uses from the contract and the core's view, in one place (types only: nothing of Node reaches the bundle). */
export type * from '../../main/core/api/api-contract';
export type { ApiMethod } from '../../main/core/api/api-methods';
export type { ConnectionStatus } from '../../main/core/view/connection-status';
export type { ConnectionInput, Dialect, TokenStatus, FollowUp, PartnerInput } from '../../main/core/domain';
export type { RenewalProfileInput } from '../../main/core/domain/renewal-profile';

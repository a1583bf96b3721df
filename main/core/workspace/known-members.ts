import type { WorkspaceMember } from './workspace-member';
import { memberLabels } from './workspace-member';

/**
 * The workspace's members as this instance last heard of them: read with the workspace, kept up
 * by the member changes it follows (a member joining or renaming), so the history names members
 * without asking the database at each look, and while it does not answer.
 */
export class KnownMembers {
  private readonly byId = new Map<string, WorkspaceMember>();
  /** Ids a read of every member did not find: not asked for again until a member changes. */
  private readonly notFound = new Set<string>();

  constructor(members: readonly WorkspaceMember[]) {
    this.replace(members);
  }

  /** Every member, read afresh from the workspace. */
  replace(members: readonly WorkspaceMember[]): void {
    this.byId.clear();
    this.notFound.clear();
    for (const member of members) this.byId.set(member.id, member);
  }

  /** A member who joined or renamed. */
  heard(member: WorkspaceMember): void {
    this.byId.set(member.id, member);
    this.notFound.clear();
  }

  /** Whether any of these ids is one this instance has not heard of, nor looked for in vain. */
  lacksAny(ids: Iterable<string>): boolean {
    for (const id of ids) if (!this.byId.has(id) && !this.notFound.has(id)) return true;
    return false;
  }

  /** After a read of every member: these ids were not among them. */
  missing(ids: Iterable<string>): void {
    for (const id of ids) if (!this.byId.has(id)) this.notFound.add(id);
  }

  /** How the window names each member (workspace-member.ts). */
  labels(): Map<string, string> {
    return memberLabels([...this.byId.values()]);
  }
}

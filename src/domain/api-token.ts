/** What an API token may do: admin (everything), responder (what its person may do), viewer (read only). */
export const TOKEN_ROLES = ["admin", "responder", "viewer"] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

export interface ApiTokenInfo {
  readonly name: string;
  readonly role: TokenRole;
  readonly privateAccess: boolean;
  /** The Slack user a non-admin token acts as; null: it acts as itself ("api:<name>"). */
  readonly user: string | null;
  readonly createdAt: Date;
}

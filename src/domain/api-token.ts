/** What an API token may do: admin (everything), responder (what its person may do), viewer (read only). */
export const TOKEN_ROLES = ["admin", "responder", "viewer"] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

export interface ApiTokenInfo {
  readonly name: string;
  readonly role: TokenRole;
  readonly privateAccess: boolean;
  readonly createdAt: Date;
}

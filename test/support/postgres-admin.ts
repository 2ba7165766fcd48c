import { inject } from "vitest";
import pg from "pg";

/**
 * The test PostgreSQL server's superuser URL: the embedded server the global
 * setup started for this run, or TEST_DATABASE_URL when that names one.
 * Only inside test files (it is provided by the global setup).
 */
export function testAdminUrl(): string {
  return inject("pgAdminUrl");
}

/** The same server, database `name`. */
export function databaseUrl(name: string, adminUrl = testAdminUrl()): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>, adminUrl = testAdminUrl()): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(name: string, adminUrl = testAdminUrl()): Promise<void> {
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`), adminUrl);
}

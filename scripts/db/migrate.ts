/**
 * `npm run db:migrate`: apply the database migrations and exit — to PostgreSQL when DATABASE_URL is
 * set, otherwise to the embedded database in DATA_DIR (default ./data). The server also migrates at
 * start-up (under an advisory lock), so this is for deploy pipelines that migrate before rolling out.
 */
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { runMigrations } from '../../server/db/migrations';

const config = loadConfig();
const db = await openDatabase(config);
try {
  const version = await runMigrations(db);
  const where = db.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${config.dataDir}`;
  console.log(`Migrated ${where} to database schema version ${version}.`);
} finally {
  await db.close();
}

/**
 * Test fixture for platform.numbering.concurrency.test.ts: a separate process that issues numbers
 * against the same PostgreSQL schema with its own pool, each number in its own transaction.
 * Env: DATABASE_URL, PG_SCHEMA, COUNT, CONCURRENCY. Prints the numbers as a JSON array.
 */
import { openDatabase } from '../../db/database';
import { nextDocumentNumber } from './platform.numbering';

const count = Number(process.env.COUNT ?? 200);
const concurrency = Number(process.env.CONCURRENCY ?? 20);
const database = openDatabase({
  databaseUrl: process.env.DATABASE_URL,
  ...(process.env.PG_SCHEMA ? { pgSchema: process.env.PG_SCHEMA } : {}),
  pgPoolSize: concurrency,
});

const numbers: string[] = [];
let issued = 0;
async function lane(): Promise<void> {
  while (issued < count) {
    issued++;
    numbers.push(
      await database.transact((trx) =>
        nextDocumentNumber(trx, 'sales_order', 'SO{yyyy}{MM}-{seq:5}', 'Asia/Shanghai'),
      ),
    );
  }
}

try {
  await Promise.all(Array.from({ length: concurrency }, lane));
  process.stdout.write(JSON.stringify(numbers));
} finally {
  await database.destroy();
}

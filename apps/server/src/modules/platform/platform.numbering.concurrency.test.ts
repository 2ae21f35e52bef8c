import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers';
import { nextDocumentNumber } from './platform.numbering';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../../..');

const seqOf = (n: string) => Number(n.slice(-5));

function runChild(env: Record<string, string>): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'platform.numbering.child.ts')],
      {
        cwd: repoRoot,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`child exited with ${code}: ${err}`));
      else resolve(JSON.parse(out) as string[]);
    });
  });
}

for (const dialect of testDialects()) {
  describe(`document numbers under concurrency [${dialect}]`, () => {
    let tdb: TestDatabase;
    beforeAll(async () => {
      tdb = await createTestDatabase(dialect);
    });
    afterAll(async () => {
      await tdb?.dispose();
    });

    it('gives 200 concurrent transactions 200 different numbers', async () => {
      const db = tdb.database.db;
      const numbers = await Promise.all(
        Array.from({ length: 200 }, () =>
          db
            .transaction()
            .execute((trx) => nextDocumentNumber(trx, 'purchase_order', 'PO{yyyy}-{seq:4}', 'UTC')),
        ),
      );
      expect(new Set(numbers).size).toBe(200);
      const seqs = numbers.map((n) => Number(n.slice(-4))).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    });

    it('issues again a number whose transaction rolled back (it was never committed)', async () => {
      const db = tdb.database.db;
      let lost = '';
      await db
        .transaction()
        .execute(async (trx) => {
          lost = await nextDocumentNumber(trx, 'shipment', 'SH-{seq:3}', 'UTC');
          throw new Error('rollback');
        })
        .catch(() => undefined);
      const next = await db
        .transaction()
        .execute((trx) => nextDocumentNumber(trx, 'shipment', 'SH-{seq:3}', 'UTC'));
      // The counter bump rolled back with the document it numbered, so no gap and no duplicate.
      expect(next).toBe(lost);
    });

    it.runIf(dialect === 'postgres')(
      'gives two processes with their own pools 400 different numbers',
      async () => {
        const env = {
          DATABASE_URL: tdb.databaseUrl ?? '',
          PG_SCHEMA: tdb.pgSchema ?? '',
          COUNT: '200',
          CONCURRENCY: '20',
        };
        const [a, b] = await Promise.all([runChild(env), runChild(env)]);
        expect(a).toHaveLength(200);
        expect(b).toHaveLength(200);
        const all = [...a, ...b];
        expect(new Set(all).size).toBe(400);
        expect(all.map(seqOf).sort((x, y) => x - y)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
        expect(all.every((n) => /^SO\d{6}-\d{5}$/.test(n))).toBe(true);
      },
      60_000,
    );
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers';
import { AppError } from '../../lib/errors';
import { systemContext } from '../../lib/context';
import {
  fieldRowIssues,
  planAndCommit,
  readImportFile,
  rowsWithIssues,
  upsertPlan,
  zodRowIssues,
  type ImportFile,
  type ImportPlan,
} from './catalog.import';
import type { SheetColumn } from './catalog.sheets';

const cols: SheetColumn[] = [
  { key: 'code', zh: '编码', en: 'Code', kind: 'text', required: true, noteZh: '', noteEn: '' },
  { key: 'name', zh: '名称', en: 'Name', kind: 'text', noteZh: '', noteEn: '' },
];

/** The AppError a promise rejects with. */
async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('readImportFile', () => {
  it('reads the rows of a csv file', async () => {
    const file = await readImportFile(Buffer.from('Code,Name\nC1,Acme\n'), 'csv', cols);
    expect(file.letters).toEqual({ code: 'A', name: 'B' });
    expect(file.rows).toHaveLength(1);
    expect(file.issues).toEqual([]);
  });

  it('answers FILE_UNREADABLE with the format and the reader’s reason, cut to 200 characters', async () => {
    const broken = await appErrorOf(readImportFile(Buffer.from('not a zip at all'), 'xlsx', cols));
    expect(broken.code).toBe('FILE_UNREADABLE');
    expect(broken.params).toEqual({ format: 'xlsx', reason: expect.stringMatching(/.+/) });

    // An unclosed quote: the csv reader quotes the rest of the file in its message.
    const badQuote = `Code,Name\n"${'y'.repeat(400)}`;
    const long = await appErrorOf(readImportFile(Buffer.from(badQuote), 'csv', cols));
    expect(long.code).toBe('FILE_UNREADABLE');
    expect(long.params.format).toBe('csv');
    expect(long.params.reason).toHaveLength(200);
    expect(long.params.reason).toMatch(/^Parse Error: missing closing: '"'.*y{100}$/);
  });

  it('lets an error that is not about the file through as it is', async () => {
    const faulty = [
      {
        ...cols[0]!,
        get zh(): string {
          throw new TypeError('column definition is broken');
        },
      },
    ];
    await expect(readImportFile(Buffer.from('Code\nC1\n'), 'csv', faulty)).rejects.toThrow(
      new TypeError('column definition is broken'),
    );
  });
});

describe('planAndCommit', () => {
  const file = (over: Partial<ImportFile> = {}): ImportFile => ({
    fileHash: 'hash',
    letters: { code: 'A', name: 'B' },
    rows: [],
    issues: [],
    ...over,
  });
  const plan = (commit: ImportPlan['commit']) => () =>
    Promise.resolve<ImportPlan>({ created: 1, updated: 0, skipped: 0, commit });
  const oneRow = { rows: [{ row: 2, values: { code: 'C1' } }] as unknown as ImportFile['rows'] };
  const db = undefined as never;

  it('commits an empty file as nothing, with no ids', async () => {
    for (const dryRun of [false, true]) {
      expect(
        await planAndCommit(
          db,
          systemContext,
          'en',
          file(),
          cols,
          plan(() => Promise.reject(new Error('nothing to commit'))),
          dryRun,
        ),
      ).toEqual({
        dryRun,
        fileHash: 'hash',
        rows: 0,
        created: 0,
        updated: 0,
        skipped: 0,
        errors: [],
        ids: [],
      });
    }
  });

  it('refuses a file with errors whole, counting them', async () => {
    const issues = [
      { row: 2, key: 'code', code: 'REQUIRED' as const },
      { row: 3, key: 'code', code: 'REQUIRED' as const },
    ];
    const err = await appErrorOf(
      planAndCommit(
        db,
        systemContext,
        'en',
        file({ ...oneRow, issues }),
        cols,
        plan(() => Promise.resolve(['x'])),
        false,
      ),
    );
    expect(err.code).toBe('IMPORT_INVALID');
    expect(err.params).toEqual({ count: 2 });
    expect(err.details).toHaveLength(2);
  });

  it('turns a duplicate key written meanwhile into IMPORT_CONFLICT, and lets other errors through', async () => {
    for (const code of ['23505', 'SQLITE_CONSTRAINT_UNIQUE']) {
      const err = await appErrorOf(
        planAndCommit(
          db,
          systemContext,
          'en',
          file(oneRow),
          cols,
          plan(() => Promise.reject(Object.assign(new Error('duplicate key'), { code }))),
          false,
        ),
      );
      expect(err.code).toBe('IMPORT_CONFLICT');
    }
    const other = new Error('disk full');
    await expect(
      planAndCommit(
        db,
        systemContext,
        'en',
        file(oneRow),
        cols,
        plan(() => Promise.reject(other)),
        false,
      ),
    ).rejects.toBe(other);
  });
});

describe('upsertPlan', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await testDb?.dispose();
  });

  it('answers IMPORT_CONFLICT when a changed record moved on since the plan was made', async () => {
    const before = { id: 'c-1', version: 3, createdAt: '2026-01-01T00:00:00.000Z' };
    const versions: number[] = [];
    const p = upsertPlan([{ before, values: { name: 'New' }, change: 'update' }], {
      entityType: 'customer',
      columns: (v: { name: string }) => ({ name: v.name }),
      toRecord: (row: { id: string; name?: string }) => ({ ...before, ...row }),
      insert: () => Promise.resolve(),
      updateAtVersion: (_db, _id, version) => {
        versions.push(version);
        return Promise.resolve(false);
      },
    });
    expect([p.created, p.updated, p.skipped]).toEqual([0, 1, 0]);
    const err = await appErrorOf(p.commit(testDb.database.db, systemContext));
    expect(err.code).toBe('IMPORT_CONFLICT');
    expect(versions).toEqual([3]);
    const audits = await testDb.database.db.selectFrom('audit_log').selectAll().execute();
    expect(audits).toEqual([]);
  });
});

describe('row issues', () => {
  it('gives each Zod issue its row, its column and the reason in both languages', () => {
    const schema = z.object({ lines: z.array(z.object({ qty: z.number() })) });
    const result = schema.safeParse({ lines: [{ qty: 1 }, { qty: 'x' }] });
    expect(result.success).toBe(false);
    const paths: PropertyKey[][] = [];
    const issues = zodRowIssues(
      result.error!,
      (path) => {
        paths.push([...path]);
        return 2 + Number(path[1]);
      },
      (path) => String(path.at(-1)),
    );
    expect(paths).toEqual([['lines', 1, 'qty']]);
    expect(issues).toEqual([
      {
        row: 3,
        key: 'qty',
        code: 'INVALID_VALUE',
        params: {
          reasonZh: '类型无效：应为数字，实际为字符串',
          reasonEn: 'Invalid input: expected number, received string',
        },
      },
    ]);
  });

  it('reads business issue paths into segments, numbers as numbers', () => {
    const paths: PropertyKey[][] = [];
    const rowOf = (path: readonly PropertyKey[]) => {
      paths.push([...path]);
      return 7;
    };
    const issues = fieldRowIssues(
      [
        { path: 'body.lines[12].x2.3d', reasonZh: '不对', reasonEn: 'wrong' },
        { path: 'body', reasonZh: '整体', reasonEn: 'whole' },
        { path: 'contacts[0].body', reasonZh: '正文', reasonEn: 'body text' },
        { path: 'body.currency', reasonZh: '币种', reasonEn: 'currency' },
      ],
      rowOf,
      (path) => (path.length ? String(path[0]) : null),
    );
    expect(paths).toEqual([['lines', 12, 'x2', '3d'], [], ['contacts', 0, 'body'], ['currency']]);
    expect(issues).toEqual([
      { row: 7, key: 'lines', code: 'INVALID_VALUE', params: { reasonZh: '不对', reasonEn: 'wrong' } },
      { row: 7, key: null, code: 'INVALID_VALUE', params: { reasonZh: '整体', reasonEn: 'whole' } },
      { row: 7, key: 'contacts', code: 'INVALID_VALUE', params: { reasonZh: '正文', reasonEn: 'body text' } },
      { row: 7, key: 'currency', code: 'INVALID_VALUE', params: { reasonZh: '币种', reasonEn: 'currency' } },
    ]);
  });

  it('collects the rows that have issues', () => {
    expect(
      rowsWithIssues([
        { row: 3, key: 'a', code: 'INVALID_VALUE' },
        { row: 5, key: null, code: 'INVALID_VALUE' },
        { row: 3, key: 'b', code: 'INVALID_VALUE' },
      ]),
    ).toEqual(new Set([3, 5]));
  });
});

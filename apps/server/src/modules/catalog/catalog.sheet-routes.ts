import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  importQuerySchema,
  importResultSchema,
  listAgreementsQuerySchema,
  listCustomersQuerySchema,
  listProductsQuerySchema,
  type Role,
} from '@gendan/contracts';
import { AppError } from '../../lib/errors';
import { todayInZone } from '../../lib/time';
import { attachmentHeader, writeWorkbook, XLSX_MIME } from '../../lib/xlsx';
import { getSettings } from '../platform/index';
import {
  AGREEMENT_WRITE_ROLES,
  catalogContext,
  CUSTOMER_WRITE_ROLES,
  PRODUCT_WRITE_ROLES,
  STAFF_ROLES,
} from './catalog.access';
import { AGREEMENT_SORTS } from './catalog.agreements-repository';
import { AGREEMENT_PATHS } from './catalog.agreements-routes';
import { listAgreements, type AgreementKind } from './catalog.agreements-service';
import { agreementExamples, agreementPlanner, agreementSheetRows } from './catalog.agreements-sheet';
import { customerExportRows, CUSTOMER_EXAMPLE, planCustomers } from './catalog.customers-sheet';
import { listCustomers } from './catalog.customers-service';
import { planAndCommit, readImportFile, type Planner } from './catalog.import';
import { PRODUCT_EXAMPLE, planProducts, productSheetRow } from './catalog.products-sheet';
import { listProducts } from './catalog.products-service';
import { CUSTOMER_SORTS, PRODUCT_SORTS, findCustomersByIds } from './catalog.repository';
import { exportAgreementsQuerySchema } from './catalog.route-schemas';
import { AGREEMENT_COLUMNS, CUSTOMER_COLUMNS, PRODUCT_COLUMNS } from './catalog.sheet-columns';
import { headerText, templateNotes, type SheetColumn } from './catalog.sheets';
import { readUploadedFile, sheetFormatOf } from './catalog.upload';
import { parseBoolFilter, parseSort } from './catalog.validation';
import { registerUploads } from '../../plugins/uploads';

/** Exports stop at this many rows; a larger one must be narrowed by filters. */
export const EXPORT_MAX_ROWS = 50_000;

const MONEY_KEYS = new Set(['creditLimit', 'standardCost', 'unitPrice']);

function sheetSpec(
  name: string,
  cols: readonly SheetColumn[],
  rows: Record<string, unknown>[],
  notes?: string[],
) {
  return {
    name,
    columns: cols.map((c) => ({
      header: headerText(c),
      key: c.key,
      width: c.width ?? Math.max(12, c.zh.length * 2 + c.en.length + 6),
      ...(MONEY_KEYS.has(c.key) ? { numFmt: '0.00' } : {}),
    })),
    rows,
    ...(notes ? { notes } : {}),
  };
}

async function sendWorkbook(
  reply: FastifyReply,
  filename: string,
  sheets: Parameters<typeof writeWorkbook>[0],
): Promise<FastifyReply> {
  const buffer = await writeWorkbook(sheets);
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', attachmentHeader(filename))
    .header('cache-control', 'private, no-store')
    .send(buffer);
}

function checkExportSize(rows: number): void {
  if (rows > EXPORT_MAX_ROWS) throw new AppError('EXPORT_TOO_LARGE', { limit: EXPORT_MAX_ROWS });
}

const UPDATE_NOTE =
  '按编码匹配：已存在的记录被更新，不存在的被新建；文件中没有的列保持不变；任一行有错误则整个文件都不导入。' +
  ' / Rows are matched by their code: existing records are updated, new ones created; columns absent from the' +
  ' file are left unchanged; if any row has an error, nothing is imported.';

interface SheetKind {
  /** URL segment: customers, products, contracts… */
  base: string;
  /** File and sheet name. */
  name: string;
  cols: readonly SheetColumn[];
  writeRoles: readonly Role[];
  planner: Planner;
  examples: Record<string, unknown>[];
  notes?: string[];
}

/** `GET /<base>/import-template` and `POST /<base>/import` for one kind of master data. */
function registerTemplateAndImport(app: Parameters<FastifyPluginAsyncZod>[0], k: SheetKind): void {
  app.get(
    `/${k.base}/import-template`,
    {
      config: { access: k.writeRoles },
      schema: {
        tags: [k.base],
        summary: 'Download the xlsx import template (zh + en headers, an example, notes)',
      },
    },
    async (_req, reply) =>
      sendWorkbook(reply, `${k.name}-template.xlsx`, [
        sheetSpec(k.name, k.cols, k.examples, templateNotes(k.cols, [UPDATE_NOTE, ...(k.notes ?? [])])),
      ]),
  );

  app.post(
    `/${k.base}/import`,
    {
      config: { access: k.writeRoles },
      schema: {
        tags: [k.base],
        summary: 'Import an xlsx or csv file (multipart/form-data, part `file`); ?dryRun=1 only previews',
        consumes: ['multipart/form-data'],
        querystring: importQuerySchema,
        response: { 200: importResultSchema },
      },
    },
    async (req) => {
      const upload = await readUploadedFile(req, app.config.uploadMaxBytes);
      const file = await readImportFile(upload.data, await sheetFormatOf(upload), k.cols);
      const dryRun = req.query.dryRun === '1' || req.query.dryRun === 'true';
      return app.database.transact((trx) =>
        planAndCommit(trx, catalogContext(req), req.lang, file, k.cols, k.planner, dryRun),
      );
    },
  );
}

async function fileDate(req: FastifyRequest): Promise<string> {
  return todayInZone((await getSettings(req.server.db, req.server.config.timeZone)).timeZone);
}

/** Templates, imports and exports of customers, products and agreements. */
export const sheetRoutes: FastifyPluginAsyncZod = async (app) => {
  await registerUploads(app);
  registerTemplateAndImport(app, {
    base: 'customers',
    name: 'customers',
    cols: CUSTOMER_COLUMNS,
    writeRoles: CUSTOMER_WRITE_ROLES,
    planner: planCustomers,
    examples: [CUSTOMER_EXAMPLE],
  });
  registerTemplateAndImport(app, {
    base: 'products',
    name: 'products',
    cols: PRODUCT_COLUMNS,
    writeRoles: PRODUCT_WRITE_ROLES,
    planner: planProducts,
    examples: [PRODUCT_EXAMPLE],
  });
  const agreementNote =
    '每行一个产品的一个数量阶梯；同一编号的各行组成一份，表头列（日期、客户、条款）只需在第一行填写；导入时用文件中的行替换原有的行。' +
    ' / One row per product and quantity tier; rows sharing a code form one agreement, whose header columns' +
    ' (dates, customer, terms) need only be filled on its first row; an import replaces its lines with the file’s.';
  for (const { path, kind } of AGREEMENT_PATHS) {
    registerTemplateAndImport(app, {
      base: path,
      name: path,
      cols: AGREEMENT_COLUMNS,
      writeRoles: AGREEMENT_WRITE_ROLES,
      planner: agreementPlanner(kind),
      examples: agreementExamples(kind),
      notes: [agreementNote],
    });
  }
  registerTemplateAndImport(app, {
    base: 'agreements',
    name: 'agreements',
    cols: AGREEMENT_COLUMNS,
    writeRoles: AGREEMENT_WRITE_ROLES,
    planner: agreementPlanner(null),
    examples: agreementExamples(null),
    notes: [agreementNote, '类型列必填（合同/报价单/价格表）。/ The Kind column is required.'],
  });

  app.get(
    '/customers/export',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags: ['customers'],
        summary: 'The filtered customer list as xlsx',
        querystring: listCustomersQuerySchema,
      },
    },
    async (req, reply) => {
      const { items } = await listCustomers(app.db, {
        filter: { q: req.query.q, active: parseBoolFilter(req.query.active), clerkId: req.query.clerkId },
        ...parseSort(req.query.sort, CUSTOMER_SORTS, 'code', req.lang),
        page: 1,
        pageSize: EXPORT_MAX_ROWS + 1,
      });
      checkExportSize(items.length);
      const rows = await customerExportRows(app.db, items, req.lang);
      return sendWorkbook(reply, `customers-${await fileDate(req)}.xlsx`, [
        sheetSpec('customers', CUSTOMER_COLUMNS, rows),
      ]);
    },
  );

  app.get(
    '/products/export',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags: ['products'],
        summary: 'The filtered product list as xlsx',
        querystring: listProductsQuerySchema,
      },
    },
    async (req, reply) => {
      const { items } = await listProducts(app.db, {
        filter: { q: req.query.q, active: parseBoolFilter(req.query.active), category: req.query.category },
        ...parseSort(req.query.sort, PRODUCT_SORTS, 'model', req.lang),
        page: 1,
        pageSize: EXPORT_MAX_ROWS + 1,
      });
      checkExportSize(items.length);
      return sendWorkbook(reply, `products-${await fileDate(req)}.xlsx`, [
        sheetSpec(
          'products',
          PRODUCT_COLUMNS,
          items.map((p) => productSheetRow(p, req.lang)),
        ),
      ]);
    },
  );

  const exportAgreements = async (
    req: FastifyRequest,
    reply: FastifyReply,
    name: string,
    kind: AgreementKind | undefined,
    q: {
      q?: string | undefined;
      customerId?: string | undefined;
      status?: string | undefined;
      sort?: string | undefined;
    },
  ) => {
    const { items } = await listAgreements(app.db, {
      filter: { kind, q: q.q, customerId: q.customerId, status: q.status },
      ...parseSort(q.sort, AGREEMENT_SORTS, 'code', req.lang),
      page: 1,
      pageSize: EXPORT_MAX_ROWS + 1,
    });
    checkExportSize(items.reduce((n, a) => n + a.lines.length, 0));
    const customerIds = [...new Set(items.map((a) => a.customerId).filter((x): x is string => !!x))];
    const codes = new Map((await findCustomersByIds(app.db, customerIds)).map((c) => [c.id, c.code]));
    const rows = items.flatMap((a) =>
      agreementSheetRows(a, a.customerId ? (codes.get(a.customerId) ?? null) : null, req.lang),
    );
    return sendWorkbook(reply, `${name}-${await fileDate(req)}.xlsx`, [
      sheetSpec(name, AGREEMENT_COLUMNS, rows),
    ]);
  };

  for (const { path, kind } of AGREEMENT_PATHS) {
    app.get(
      `/${path}/export`,
      {
        config: { access: STAFF_ROLES },
        schema: {
          tags: [path],
          summary: `The filtered ${path} as xlsx, one row per line`,
          querystring: listAgreementsQuerySchema,
        },
      },
      async (req, reply) => exportAgreements(req, reply, path, kind, req.query),
    );
  }

  app.get(
    '/agreements/export',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags: ['agreements'],
        summary: 'Contracts, quotations and price lists as xlsx, one row per line',
        querystring: exportAgreementsQuerySchema,
      },
    },
    async (req, reply) => exportAgreements(req, reply, 'agreements', req.query.kind, req.query),
  );
};

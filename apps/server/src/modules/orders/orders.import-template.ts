import type { Language } from '@gendan/contracts';
import { addDays } from '../../lib/time';
import { writeWorkbook } from '../../lib/xlsx';
import { IMPORT_COLUMNS, type ColumnKey } from './orders.import-columns';

/** The order import template (`GET /api/orders/import-template`). */

const NOTES: Record<Language, string[]> = {
  'zh-CN': [
    '订单导入模板说明',
    '1. 一个文件可包含多个订单：按「客户编码 + 客户PO号」分组，同一订单的每一行都填写这两列（或都留空，表示接上一行的订单）。',
    '2. 订单日期、币种、付款方式、包装要求、验收标准、运输方式、收货地址、订单总额、备注是订单级字段：只需在该订单的第一行填写；同一订单内填写了不同的值会报错。',
    '3. 必填列：客户编码、客户PO号、型号、数量、要求交期。单价、币种、付款方式、包装要求、验收标准留空时，取客户资料和有效合同中的值。',
    '4. 规格写成「材质=钢; 颜色=红」；单价、金额填元（如 12.50）；折扣填百分数（如 5 表示 5%）；日期填 2026-03-07。',
    '5. 运输方式：快递 / 整车 / 专线 / 自提（或 express / ftl / ltl / pickup）。',
    '6. 金额、订单总额是客户单据上的金额，审核时会与系统计算值核对，可留空。',
    '7. 先「预览」检查错误（按行号和列显示），没有错误才能导入；整个文件要么全部导入，要么都不导入。同一文件重复导入不会产生重复订单。',
    '8. 表头可以用中文或英文。',
  ],
  en: [
    'Order import template',
    '1. One file may hold many orders, grouped by "Customer code + Customer PO". Fill both on every row of an order (or leave both empty to continue the order above).',
    '2. Order date, currency, payment terms, packaging, acceptance standard, shipping mode, ship-to, order total and notes belong to the order: fill them on its first row only. Different values within one order are an error.',
    '3. Required columns: customer code, customer PO, model, qty, requested date. An empty unit price, currency, payment terms, packaging or acceptance standard is taken from the customer and its active contract.',
    '4. Specs as "material=steel; colour=red"; unit price and amounts in major units (e.g. 12.50); discount as a percentage (5 means 5 %); dates as 2026-03-07.',
    '5. Shipping mode: express / ftl / ltl / pickup (or 快递 / 整车 / 专线 / 自提).',
    "6. Line amount and order total are the amounts on the customer's document; the review checks them against the computed ones. They may be left empty.",
    '7. Preview first: errors are listed by row and column, and only a file without errors is imported, all or nothing. Importing the same file again never duplicates orders.',
    '8. Headers may be in Chinese or English.',
  ],
};

/** The import template: headers in the caller's language, one example order of two lines, notes. */
export async function orderImportTemplate(lang: Language, today: string): Promise<Buffer> {
  const zh = lang === 'zh-CN';
  const due = addDays(today, 30);
  const example: Record<ColumnKey, string | number | null>[] = [
    {
      customerCode: 'C001',
      customerPo: 'PO-2026-001',
      orderDate: today,
      currency: 'CNY',
      paymentTerms: zh ? '月结30天' : 'Net 30',
      packaging: zh ? '纸箱，每箱50件' : 'Cartons of 50',
      acceptanceStandard: 'GB/T 2828.1 AQL 1.0',
      shippingMode: zh ? '快递' : 'express',
      shipTo: zh ? '上海市浦东新区张江路 1 号' : '1 Zhangjiang Rd, Pudong, Shanghai',
      model: 'M-100',
      specs: zh ? '材质=钢; 颜色=红' : 'material=steel; colour=red',
      qty: 100,
      unitPrice: 12.5,
      discountPct: 0,
      requestedDate: due,
      statedAmount: 1250,
      statedTotal: 2450,
      description: zh ? '示例行一' : 'Example line 1',
      notes: null,
    },
    {
      customerCode: 'C001',
      customerPo: 'PO-2026-001',
      orderDate: null,
      currency: null,
      paymentTerms: null,
      packaging: null,
      acceptanceStandard: null,
      shippingMode: null,
      shipTo: null,
      model: 'M-200',
      specs: zh ? '尺寸=20x30' : 'size=20x30',
      qty: 50,
      unitPrice: 24,
      discountPct: null,
      requestedDate: due,
      statedAmount: 1200,
      statedTotal: null,
      description: zh ? '示例行二' : 'Example line 2',
      notes: null,
    },
  ];
  return writeWorkbook([
    {
      name: zh ? '订单' : 'Orders',
      columns: IMPORT_COLUMNS.map((c) => ({
        header: c[lang],
        key: c.key,
        width: c.width,
        ...(c.key === 'unitPrice' || c.key === 'statedAmount' || c.key === 'statedTotal'
          ? { numFmt: '0.00' }
          : {}),
      })),
      rows: example,
      notes: NOTES[lang],
    },
  ]);
}

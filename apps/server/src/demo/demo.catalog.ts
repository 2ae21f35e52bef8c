import type { CreateAgreementBody, CreateCustomerBody, CreateProductBody } from '@gendan/contracts';

/** Demo master data: a precision-parts maker in Ningbo with eight customers and thirty products. */

export const DEMO_CUSTOMERS: CreateCustomerBody[] = [
  ['C001', '上海汇丰机电设备有限公司', 'CNY', 800_000_000, 'T/T 30 days', 'zh-CN'],
  ['C002', '苏州精工自动化科技有限公司', 'CNY', 500_000_000, 'T/T 60 days', 'zh-CN'],
  ['C003', '广州立达阀门有限公司', 'CNY', 300_000_000, '30% deposit, 70% before shipment', 'zh-CN'],
  ['C004', '杭州远洋泵业股份有限公司', 'CNY', 1_200_000_000, 'T/T 30 days', 'zh-CN'],
  ['C005', 'Nordic Fluid Systems AB', 'USD', 200_000_000, 'L/C at sight', 'en'],
  ['C006', '天津北方重工机械有限公司', 'CNY', 150_000_000, 'T/T 60 days', 'zh-CN'],
  ['C007', '宁波港城五金制品有限公司', 'CNY', 100_000_000, 'Cash on delivery', 'zh-CN'],
  ['C008', 'Pacific Marine Supply Inc.', 'USD', 400_000_000, 'T/T 30 days', 'en'],
].map(([code, name, currency, creditLimit, paymentTerms, language], i) => ({
  code: code as string,
  name: name as string,
  currency: currency as string,
  creditLimit: creditLimit as number,
  paymentTerms: paymentTerms as string,
  language: language as 'zh-CN' | 'en',
  taxId: currency === 'CNY' ? `91330${String(200000000 + i * 7919).padStart(13, '0')}` : null,
  contacts: [
    {
      name: language === 'en' ? ['Erik Lund', 'Maria Santos'][i % 2]! : ['王采购', '陈经理', '刘工'][i % 3]!,
      phone: `+86 138 ${String(10000000 + i * 1234567).slice(0, 8)}`,
      email: `buyer${i + 1}@customer${i + 1}.example.com`,
      wechat: language === 'en' ? null : `buyer_${code as string}`,
      notify: ['order_confirmation', 'shipping', 'delay'] as ('order_confirmation' | 'shipping' | 'delay')[],
    },
  ],
  addresses: [
    {
      kind: 'ship_to' as const,
      label: language === 'en' ? 'Main warehouse' : '主仓库',
      address:
        language === 'en' ? `Harbour Road ${i + 10}, Gothenburg` : `工业园区${i + 1}号路${(i + 3) * 11}号`,
      isDefault: true,
    },
    {
      kind: 'bill_to' as const,
      label: language === 'en' ? 'Accounts payable' : '财务部',
      address: language === 'en' ? `Finance Street ${i + 1}` : `商务中心${i + 2}楼`,
      isDefault: true,
    },
  ],
}));

type P = [
  model: string,
  name: string,
  category: CreateProductBody['category'],
  unit: string,
  specs: Record<string, string>,
  lead: number,
  cost: number,
];

const PRODUCTS: P[] = [
  [
    'HD-BRK-100',
    '不锈钢安装支架 100',
    'finished',
    'pcs',
    { 材质: 'SUS304', 尺寸: '100×50×3', 表面处理: '拉丝' },
    12,
    1850,
  ],
  [
    'HD-BRK-150',
    '不锈钢安装支架 150',
    'finished',
    'pcs',
    { 材质: 'SUS304', 尺寸: '150×60×3', 表面处理: '拉丝' },
    12,
    2430,
  ],
  [
    'HD-FLG-DN50',
    '法兰盘 DN50',
    'finished',
    'pcs',
    { 材质: 'Q235', 规格: 'DN50 PN16', 表面处理: '镀锌' },
    15,
    3600,
  ],
  [
    'HD-FLG-DN80',
    '法兰盘 DN80',
    'finished',
    'pcs',
    { 材质: 'Q235', 规格: 'DN80 PN16', 表面处理: '镀锌' },
    15,
    5200,
  ],
  [
    'HD-VLV-B25',
    '黄铜球阀 DN25',
    'finished',
    'pcs',
    { 材质: 'HPb59-1', 规格: 'DN25', 颜色: '本色' },
    20,
    4800,
  ],
  [
    'HD-VLV-B40',
    '黄铜球阀 DN40',
    'finished',
    'pcs',
    { 材质: 'HPb59-1', 规格: 'DN40', 颜色: '本色' },
    20,
    7900,
  ],
  [
    'HD-SHF-20',
    '传动轴 Φ20',
    'finished',
    'pcs',
    { 材质: '45#钢', 尺寸: 'Φ20×300', 热处理: '调质' },
    18,
    6400,
  ],
  [
    'HD-SHF-30',
    '传动轴 Φ30',
    'finished',
    'pcs',
    { 材质: '45#钢', 尺寸: 'Φ30×400', 热处理: '调质' },
    18,
    9800,
  ],
  ['HD-GR-M2', '直齿轮 M2 Z40', 'finished', 'pcs', { 材质: '40Cr', 模数: '2', 齿数: '40' }, 25, 11200],
  ['HD-GR-M3', '直齿轮 M3 Z32', 'finished', 'pcs', { 材质: '40Cr', 模数: '3', 齿数: '32' }, 25, 15600],
  [
    'HD-HSG-A1',
    '铝压铸壳体 A1',
    'finished',
    'pcs',
    { 材质: 'ADC12', 颜色: '银灰', 表面处理: '喷砂' },
    28,
    8700,
  ],
  [
    'HD-HSG-A2',
    '铝压铸壳体 A2',
    'finished',
    'pcs',
    { 材质: 'ADC12', 颜色: '黑色', 表面处理: '喷涂' },
    28,
    9900,
  ],
  ['HD-PIN-8', '定位销 Φ8', 'finished', 'pcs', { 材质: 'GCr15', 尺寸: 'Φ8×40', 精度: 'h6' }, 7, 120],
  ['HD-BSH-25', '铜衬套 Φ25', 'finished', 'pcs', { 材质: 'QSn6.5', 尺寸: 'Φ25×30', 精度: 'H7' }, 10, 980],
  [
    'HD-CPL-40',
    '弹性联轴器 40',
    'finished',
    'set',
    { 材质: '铝合金', 孔径: '12-20', 颜色: '本色' },
    14,
    4300,
  ],
  [
    'HD-PLT-300',
    '激光切割底板 300',
    'finished',
    'pcs',
    { 材质: 'Q345', 尺寸: '300×300×8', 表面处理: '喷塑' },
    10,
    7300,
  ],
  [
    'HD-HNG-60',
    '重型铰链 60',
    'finished',
    'pcs',
    { 材质: 'SUS316', 尺寸: '60×60', 表面处理: '抛光' },
    16,
    2100,
  ],
  ['HD-KNB-M8', '胶木把手 M8', 'finished', 'pcs', { 材质: '胶木', 螺纹: 'M8', 颜色: '黑色' }, 9, 350],
  ['SM-BRK-BL', '支架冲压坯件', 'semi', 'pcs', { 材质: 'SUS304', 厚度: '3mm' }, 5, 900],
  ['SM-HSG-CS', '壳体毛坯', 'semi', 'pcs', { 材质: 'ADC12' }, 8, 5200],
  ['SM-GR-BL', '齿轮锻坯', 'semi', 'pcs', { 材质: '40Cr' }, 10, 6100],
  ['SM-SHF-RG', '轴粗车件', 'semi', 'pcs', { 材质: '45#钢' }, 6, 3900],
  ['SM-FLG-CT', '法兰切割件', 'semi', 'pcs', { 材质: 'Q235' }, 4, 2200],
  ['RM-SUS304-3', '不锈钢板 3mm', 'raw', 'kg', { 材质: 'SUS304', 厚度: '3mm' }, 10, 1650],
  ['RM-ADC12', '铝锭 ADC12', 'raw', 'kg', { 材质: 'ADC12' }, 7, 2050],
  ['RM-40CR-RD', '40Cr 圆钢', 'raw', 'kg', { 材质: '40Cr', 直径: 'Φ60' }, 12, 680],
  ['RM-Q235-8', 'Q235 钢板 8mm', 'raw', 'kg', { 材质: 'Q235', 厚度: '8mm' }, 5, 520],
  ['PK-CTN-S', '五层瓦楞纸箱 小', 'packaging', 'pcs', { 尺寸: '400×300×250' }, 5, 650],
  ['PK-CTN-L', '五层瓦楞纸箱 大', 'packaging', 'pcs', { 尺寸: '600×400×400' }, 5, 980],
  ['PK-PLT-EU', '熏蒸木托盘', 'packaging', 'pcs', { 尺寸: '1200×800' }, 7, 8500],
];

export const DEMO_PRODUCTS: CreateProductBody[] = PRODUCTS.map(
  ([model, name, category, unit, specs, lead, cost]) => ({
    model,
    name,
    category,
    unit,
    specs,
    standardLeadTimeDays: lead,
    standardCost: cost,
    costCurrency: 'CNY',
    packagingSpec: category === 'finished' ? '单件气泡袋，50件/箱' : null,
  }),
);

/** Contract price: cost plus a margin, in the contract's currency (USD at about 7.1). */
export function contractPrice(cost: number, currency: string, customerIndex: number): number {
  const margin = 1.32 + (customerIndex % 4) * 0.03;
  const cny = Math.round(cost * margin);
  return currency === 'USD' ? Math.round(cny / 7.1) : cny;
}

/**
 * One active contract per customer over eight finished products, each with three quantity tiers
 * (1, 500 and 2,000 pieces), plus a general price list at list price.
 */
export function demoContract(
  customerIndex: number,
  customerId: string,
  currency: string,
  paymentTerms: string,
  products: { id: string; cost: number; specs: Record<string, string> }[],
  year: number,
): CreateAgreementBody {
  const picks = products
    .filter((_, i) => (i + customerIndex) % 2 === 0 || i % 5 === customerIndex % 5)
    .slice(0, 8);
  return {
    customerId,
    code: `HT-${year}-${String(customerIndex + 1).padStart(3, '0')}`,
    name: `${year} 年度供货合同`,
    validFrom: `${year}-01-01`,
    validTo: `${year + 1}-12-31`,
    currency,
    status: 'active',
    paymentTerms,
    packaging: '单件气泡袋，50件/箱，木托盘',
    acceptanceStandard: 'GB/T 2828.1 AQL 1.0',
    incoterm: currency === 'USD' ? 'FOB' : null,
    lines: picks.flatMap((p) => {
      const base = contractPrice(p.cost, currency, customerIndex);
      return [
        { productId: p.id, unitPrice: base, minQty: 1, specs: p.specs, maxDiscountPct: 5 },
        {
          productId: p.id,
          unitPrice: Math.round(base * 0.96),
          minQty: 500,
          specs: p.specs,
          maxDiscountPct: 5,
        },
        {
          productId: p.id,
          unitPrice: Math.round(base * 0.92),
          minQty: 2000,
          specs: p.specs,
          maxDiscountPct: 5,
        },
      ];
    }),
  };
}

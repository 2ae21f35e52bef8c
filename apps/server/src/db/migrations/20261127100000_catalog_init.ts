import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tax_id', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('credit_limit', 'bigint')
    .addColumn('payment_terms', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('clerk_id', 'text')
    .addColumn('sales_rep_id', 'text')
    .addColumn('contacts', 'text', (c) => c.notNull())
    .addColumn('addresses', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customers_name_idx').on('customers').column('name').execute();
  await db.schema.createIndex('customers_clerk_idx').on('customers').columns(['clerk_id', 'code']).execute();
  await db.schema.createIndex('customers_created_idx').on('customers').column('created_at').execute();

  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('model', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('specs', 'text', (c) => c.notNull())
    .addColumn('packaging_spec', 'text')
    .addColumn('standard_lead_time_days', 'integer', (c) => c.notNull())
    .addColumn('standard_cost', 'bigint')
    .addColumn('cost_currency', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('products_name_idx').on('products').column('name').execute();
  await db.schema
    .createIndex('products_category_idx')
    .on('products')
    .columns(['category', 'model'])
    .execute();
  await db.schema.createIndex('products_created_idx').on('products').column('created_at').execute();

  // Price lists, contracts and quotations share one shape; `kind` tells them apart.
  await db.schema
    .createTable('agreements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('payment_terms', 'text')
    .addColumn('packaging', 'text')
    .addColumn('acceptance_standard', 'text')
    .addColumn('incoterm', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('agreements_kind_code_uq', ['kind', 'code'])
    .execute();
  await db.schema
    .createIndex('agreements_customer_idx')
    .on('agreements')
    .columns(['customer_id', 'status', 'valid_from'])
    .execute();

  // One row per product and quantity tier: the price applies from `min_qty` upwards.
  await db.schema
    .createTable('agreement_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id').onDelete('cascade'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('min_qty', 'integer', (c) => c.notNull())
    .addColumn('unit_price', 'bigint', (c) => c.notNull())
    .addColumn('specs', 'text')
    .addColumn('max_discount_bp', 'integer')
    .execute();
  await db.schema
    .createIndex('agreement_lines_agreement_idx')
    .on('agreement_lines')
    .columns(['agreement_id', 'line_no'])
    .execute();
  await db.schema
    .createIndex('agreement_lines_product_idx')
    .on('agreement_lines')
    .columns(['product_id', 'agreement_id'])
    .execute();

  // Which import file rows were already committed (file hash + row key), so a rerun never duplicates.
  await db.schema
    .createTable('import_receipts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('row_key', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('import_receipts_uq', ['kind', 'file_hash', 'row_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['import_receipts', 'agreement_lines', 'agreements', 'products', 'customers']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}

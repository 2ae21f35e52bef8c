import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.unique())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('customer_po', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('order_date', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('payment_terms', 'text', (c) => c.notNull())
    .addColumn('packaging', 'text')
    .addColumn('acceptance_standard', 'text')
    .addColumn('incoterm', 'text')
    .addColumn('shipping_mode', 'text')
    .addColumn('ship_to', 'text')
    .addColumn('notes', 'text')
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('stated_total', 'bigint')
    .addColumn('line_count', 'integer', (c) => c.notNull())
    .addColumn('requested_date', 'text')
    .addColumn('promised_date', 'text')
    .addColumn('open_blocks', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('open_warnings', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reviewed_version', 'integer')
    .addColumn('clerk_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('status_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The order list: filter by status and/or customer, newest first.
  await db.schema
    .createIndex('orders_customer_status_idx')
    .on('orders')
    .columns(['customer_id', 'status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('orders_status_idx')
    .on('orders')
    .columns(['status', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('orders_created_idx').on('orders').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('orders_po_idx').on('orders').columns(['customer_id', 'customer_po']).execute();
  await db.schema.createIndex('orders_clerk_idx').on('orders').columns(['clerk_id', 'status']).execute();

  await db.schema
    .createTable('order_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('description', 'text')
    .addColumn('qty', 'integer', (c) => c.notNull())
    .addColumn('unit_price', 'bigint', (c) => c.notNull())
    .addColumn('discount_bp', 'integer', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('stated_amount', 'bigint')
    .addColumn('specs', 'text', (c) => c.notNull())
    .addColumn('requested_date', 'text', (c) => c.notNull())
    .addColumn('promised_date', 'text')
    .addColumn('feasible_date', 'text')
    .addUniqueConstraint('order_lines_no_uq', ['order_id', 'line_no'])
    .execute();
  await db.schema.createIndex('order_lines_product_idx').on('order_lines').column('product_id').execute();

  await db.schema
    .createTable('order_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('line_no', 'integer')
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('expected', 'text')
    .addColumn('actual', 'text')
    .addColumn('suggestion', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('override_reason', 'text')
    .addColumn('overridden_by', 'text')
    .addColumn('overridden_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('order_findings_order_idx')
    .on('order_findings')
    .columns(['order_id', 'status'])
    .execute();

  await db.schema
    .createTable('order_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('data', 'text')
    .execute();
  await db.schema
    .createIndex('order_events_order_idx')
    .on('order_events')
    .columns(['order_id', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['order_events', 'order_findings', 'order_lines', 'orders']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { ROLES, type Role } from '@gendan/contracts';
import { buildApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { migrateToLatest, openDatabase, type Database } from './db/database';
import { seedDemo, type DemoResult } from './demo/demo';
import { systemContext } from './lib/context';
import { APP_VERSION } from './lib/version';
import { createToken, createUser, ensureAdminUser, findUserByUsername } from './modules/identity/index';

function config(): Config {
  return loadConfig();
}

function open(cfg: Config): Database {
  return openDatabase({
    databaseUrl: cfg.databaseUrl,
    sqliteFile: path.join(cfg.dataDir, 'gendan.db'),
    pgPoolSize: cfg.pgPoolSize,
  });
}

async function withDatabase<T>(fn: (database: Database, cfg: Config) => Promise<T>): Promise<T> {
  const cfg = config();
  const database = open(cfg);
  try {
    await migrateToLatest(database);
    return await fn(database, cfg);
  } finally {
    await database.destroy();
  }
}

function printDemo(demo: DemoResult): void {
  const users = demo.users;
  if (users.length === 0) return;
  console.log(
    `\nDemo data / 演示数据: ${demo.customers} customers 客户, ${demo.products} products 产品, ${demo.orders} orders 订单`,
  );
  console.log('\nDemo users / 演示账号 (password 密码: %s):', users[0]?.password);
  for (const u of users) console.log(`  ${u.username.padEnd(12)} ${u.role}`);
}

async function serve(): Promise<void> {
  const cfg = config();
  const database = open(cfg);
  await migrateToLatest(database);
  const admin = await ensureAdminUser(database.db, cfg.adminPassword);
  if (admin.generatedPassword) {
    console.log('\n==================================================================');
    console.log(' Admin user created / 已创建管理员: admin');
    console.log(` Password / 密码 (shown once 仅显示一次): ${admin.generatedPassword}`);
    console.log('==================================================================\n');
  }
  if (cfg.demo) {
    const demo = await seedDemo(database.db, cfg.timeZone);
    if (demo.seeded) printDemo(demo);
  }
  const app = await buildApp(cfg, { database });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    void app
      .close()
      .then(() => database.destroy())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  await app.listen({ port: cfg.port, host: cfg.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : cfg.port;
  const shown = cfg.host === '0.0.0.0' || cfg.host === '::' ? 'localhost' : cfg.host;
  console.log(`Gendan ${APP_VERSION} on ${database.dialect}: http://${shown}:${port}/`);
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command()
    .name('gendan')
    .description('Gendan 跟单 — order follow-up system')
    .version(APP_VERSION);

  program.command('serve').description('run the server (migrates first) / 启动服务').action(serve);

  program
    .command('migrate')
    .description('apply pending database migrations / 执行数据库迁移')
    .action(() =>
      withDatabase(async (database) => {
        const applied = await migrateToLatest(database);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      }),
    );

  program
    .command('seed-demo')
    .description('seed demo data into an empty database / 写入演示数据')
    .option('--force', 'seed even when the database holds users')
    .action((opts: { force?: boolean }) =>
      withDatabase(async (database, cfg) => {
        await ensureAdminUser(database.db, cfg.adminPassword);
        const demo = await seedDemo(database.db, cfg.timeZone, opts.force ?? false);
        if (!demo.seeded) console.log('The database already holds data; use --force to seed anyway.');
        printDemo(demo);
      }),
    );

  const user = program.command('user').description('manage users / 用户管理');
  user
    .command('add')
    .description('add a user / 新增用户')
    .requiredOption('--username <username>')
    .requiredOption('--password <password>')
    .addOption(new Option('--role <role...>', 'one or more roles').choices([...ROLES]).makeOptionMandatory())
    .option('--display-name <name>')
    .option('--email <email>')
    .option('--customer-id <id>')
    .addOption(new Option('--language <lang>').choices(['zh-CN', 'en']).default('zh-CN'))
    .action(
      (opts: {
        username: string;
        password: string;
        role: Role[];
        displayName?: string;
        email?: string;
        customerId?: string;
        language: 'zh-CN' | 'en';
      }) =>
        withDatabase(async (database) => {
          const created = await database.transact((trx) =>
            createUser(trx, systemContext, {
              username: opts.username,
              password: opts.password,
              displayName: opts.displayName ?? opts.username,
              roles: opts.role,
              language: opts.language,
              email: opts.email ?? null,
              customerId: opts.customerId ?? null,
            }),
          );
          console.log(`Created user ${created.username} (${created.roles.join(', ')}) id=${created.id}`);
        }),
    );

  const token = program.command('token').description('API tokens / API 令牌');
  token
    .command('create')
    .description('create an API token; the token is the last line printed / 创建 API 令牌')
    .requiredOption('--user <username>')
    .option('--name <name>', 'what the token is for', 'cli')
    .action((opts: { user: string; name: string }) =>
      withDatabase(async (database, cfg) => {
        if (opts.user === 'admin') await ensureAdminUser(database.db, cfg.adminPassword);
        const u = await findUserByUsername(database.db, opts.user);
        if (!u) throw new Error(`No such user: ${opts.user} / 用户不存在`);
        const created = await database.transact((trx) =>
          createToken(trx, systemContext, { userId: u.id, name: opts.name }),
        );
        console.log(`Token for ${u.username} (shown once / 仅显示一次):`);
        console.log(created.token);
      }),
    );

  program
    .command('backup')
    .argument('<file>', 'where to write the backup')
    .description('back up the database / 备份数据库')
    .action(async (file: string) => {
      const cfg = config();
      if (cfg.databaseUrl) {
        console.log(
          'This server uses PostgreSQL. Back it up with pg_dump, for example:\n' +
            '  pg_dump --format=custom --file=gendan.dump "$DATABASE_URL"\n' +
            'and restore with pg_restore. / 当前使用 PostgreSQL，请用 pg_dump 备份，用 pg_restore 恢复。',
        );
        return;
      }
      const target = path.resolve(file);
      if (fs.existsSync(target)) throw new Error(`${target} exists; refusing to overwrite / 文件已存在`);
      await withDatabase(async (database) => {
        if (!database.sqlite) throw new Error('SQLite handle missing');
        fs.mkdirSync(path.dirname(target), { recursive: true });
        // SQLite's online backup API: a consistent copy while the server keeps running.
        await database.sqlite.backup(target);
        console.log(`Backup written to ${target} (${fs.statSync(target).size} bytes)`);
      });
    });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
    } else {
      console.error(err instanceof Error ? err.message : String(err));
    }
    process.exitCode = 1;
  }
}

#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { createLogger, exitOnSignals, openStore, startServer, startWorker } from './boot.js';
import { createInlineQueue } from './adapters/queue/index.js';
import { closeBlobStore } from './files/index.js';
import { reindexNow } from './records/reindex/index.js';
import { createServices } from './server/services.js';
import { isFormloomError } from '@formloom/model';
import { ConfigError, loadConfig } from './config.js';
import { VERSION } from './server/version.js';

/**
 * `formloom [serve|worker|reindex] [--help|--version]`. Configuration comes from the environment
 * (see the top-level README); a configuration mistake prints one line naming the variable and
 * exits with status 1.
 */
const HELP = `Formloom ${VERSION} — self-hosted low-code platform

Usage: formloom [command]

Commands:
  serve    Start the HTTP server (default). Without MONGO_URL and REDIS_URL everything runs in
           this process on the embedded store and the in-process queue under DATA_DIR.
  worker   Run queue processors only (with MONGO_URL and REDIS_URL; scale out by starting more).
  reindex  Rebuild the link and file indexes of stored records (record_links, blob_refs) in
           batches, then mark the store's data version; resumes an interrupted run, and running
           it again changes nothing. --full starts over. The server also does this by itself at
           start-up when the store is older. With the embedded store, stop the server first.

Options:
  -h, --help      Show this help
  -v, --version   Show the version

Environment:
  PORT (3000), HOST (0.0.0.0), DATA_DIR (./data), MONGO_URL, MONGO_DB (formloom), REDIS_URL,
  SERVER_SECRET (required with MONGO_URL), ADMIN_PASSWORD, PUBLIC_URL, LOG_LEVEL (info),
  EMBEDDED_SYNC (normal|full), TRUST_PROXY
`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = argv[0] ?? 'serve';
  if (command === 'reindex') return reindexCommand(argv.includes('--full'));
  if (command !== 'serve' && command !== 'worker') {
    process.stderr.write(`Unknown command "${command}".\n\n${HELP}`);
    return 2;
  }
  const config = loadConfig();
  const logger = createLogger(config);

  if (command === 'worker') {
    if (config.redisUrl === null || config.mongoUrl === null) {
      process.stderr.write(
        'formloom worker needs REDIS_URL and MONGO_URL: without them `formloom serve` runs the queue processors itself ' +
          '(the embedded store belongs to one process).\n',
      );
      return 1;
    }
    const worker = await startWorker(config, { logger });
    exitOnSignals(() => worker.close(), logger);
    logger.info('worker started');
    // Container health checks look for this file (docker-compose.yml sets READY_FILE).
    if (process.env.READY_FILE) writeFileSync(process.env.READY_FILE, String(process.pid));
    return -1;
  }

  const server = await startServer(config, { logger });
  exitOnSignals(() => server.close(), logger);
  const lines = [
    '',
    `Formloom is running at ${server.url}`,
    `  API docs: ${server.url}/api/docs`,
    `  store: ${server.app.services.store.kind}, queue: ${server.app.services.queue.kind}`,
  ];
  const admin = server.bootstrap.createdAdmin;
  if (admin?.generated) {
    lines.push(
      `  Sign in as "${admin.username}" with the password: ${admin.password}`,
      '  (shown this once; change it after signing in, or set ADMIN_PASSWORD before the first start)',
    );
  } else if (admin) {
    lines.push(`  Sign in as "${admin.username}" with the password from ADMIN_PASSWORD.`);
  } else {
    lines.push('  Sign in with your existing account (POST /api/auth/login).');
  }
  process.stdout.write(lines.join('\n') + '\n\n');
  return -1;
}

/** `formloom reindex [--full]`: runs the reindex to the end in this process, one line per form. */
async function reindexCommand(full: boolean): Promise<number> {
  const config = loadConfig();
  const store = await openStore(config);
  const queue = createInlineQueue();
  try {
    const services = await createServices(config, store, queue);
    let lastForm = -1;
    const state = await reindexNow(services, { full }, (progress) => {
      if (progress.formIndex === lastForm || progress.state === 'done') return;
      lastForm = progress.formIndex;
      process.stdout.write(
        `reindex: form ${Math.min(progress.formIndex + 1, progress.forms.length)}/${progress.forms.length}, ` +
          `${progress.checked} records checked\n`,
      );
    });
    process.stdout.write(
      `reindex done: ${state.checked} records checked, link index repaired for ${state.repairedLinks}, ` +
        `file index for ${state.repairedFiles}; data version ${state.targetVersion}\n`,
    );
    await closeBlobStore(services);
    return 0;
  } finally {
    await queue.close();
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // -1: a long-running command; the signal handlers decide when to exit.
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof ConfigError) process.stderr.write(`Configuration error: ${err.message}\n`);
    else if (isFormloomError(err)) process.stderr.write(`Formloom failed to start: ${err.message}\n`);
    else
      process.stderr.write(
        `Formloom failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
    process.exit(1);
  },
);

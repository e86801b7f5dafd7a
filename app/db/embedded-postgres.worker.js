// Worker thread that owns the PGlite instance, so queries never block the main event loop.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { pgdata, loadFrom } = workerData;
let db;
let server;
try {
  const options = {};
  if (loadFrom) options.loadDataDir = new Blob([fs.readFileSync(loadFrom)]);
  db = await PGlite.create(pgdata ?? undefined, options);
  // PGlite is a single session, so the app's pool holds ONE connection (app/db/client.server.ts). The server
  // admits two only because pg-pool destroys a connection after any query error and dials a new one at once,
  // while this side is still tearing the old one down; with a limit of 1 that next query would be refused.
  // Never two live clients: the pool's max is 1, and the migrator closes before the pool opens.
  server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 2 });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  parentPort.postMessage({ type: 'ready', port });
} catch (error) {
  parentPort.postMessage({ type: 'failed', error: String(error?.stack ?? error) });
  process.exit(1);
}

parentPort.on('message', async (message) => {
  try {
    if (message.type === 'dump') {
      const blob = await db.dumpDataDir('none');
      fs.writeFileSync(message.file, Buffer.from(await blob.arrayBuffer()));
      parentPort.postMessage({ id: message.id, result: true });
    } else if (message.type === 'close') {
      await server.stop();
      await db.close();
      parentPort.postMessage({ id: message.id, result: true });
      parentPort.close();
    }
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String(error?.stack ?? error) });
  }
});

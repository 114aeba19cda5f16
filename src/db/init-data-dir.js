// Creates a new embedded database directory, run as a short-lived child process by the one that
// holds the directory's lock. PostgreSQL's initdb step grows the WebAssembly heap by several
// hundred MB that a process never gives back; doing it here keeps the server's memory small.
import { PGlite } from '@electric-sql/pglite';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: init-data-dir.js <dir>\n');
  process.exit(2);
}
const db = await PGlite.create({ dataDir });
await db.query('select 1');
await db.close();

// The life of an e2e fixture server: listen on 127.0.0.1 only, print exactly one line
// `READY http://127.0.0.1:<port>/mcp` once listening, stop on SIGTERM/SIGINT/SIGHUP and, unless told
// otherwise, when stdin closes (the parent that spawned it with a pipe exited or closed it). A server
// that cannot listen says why on stderr and exits 1.

export const HOST = '127.0.0.1';

/**
 * Serves `httpServer` on `port` (0: the OS picks one). `beforeStop` runs before the server closes
 * (closing sessions, say); the process exits at the latest 2 s after a stop began.
 */
export function serveOnLoopback(httpServer, { name, port, watchStdin = true, beforeStop = async () => {} }) {
  let stopping = false;
  async function stop(code) {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(code), 2000).unref();
    await beforeStop().catch(() => {});
    httpServer.close(() => process.exit(code));
    httpServer.closeAllConnections?.();
  }
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => stop(0));
  if (watchStdin) {
    process.stdin.on('end', () => stop(0));
    process.stdin.on('close', () => stop(0));
    process.stdin.on('error', () => stop(0));
    process.stdin.resume();
  }
  httpServer.on('error', (e) => {
    process.stderr.write(`${name}: cannot listen on ${HOST}:${port}: ${e.message}\n`);
    process.exit(1);
  });
  httpServer.listen({ port: Number(port), host: HOST }, () => {
    process.stdout.write(`READY http://${HOST}:${httpServer.address().port}/mcp\n`);
  });
}

'use strict';
// Preload: node --require ./loopback.cjs <script>
//
// Forces every TCP net.Server.listen() in this process onto 127.0.0.1, whatever host (or none) the
// program asked for. server-everything calls app.listen(PORT), which would bind every interface;
// with this preload nothing it (or any other Node peer) opens is reachable beyond loopback.
// Unix-socket paths and inherited handles/fds are left alone.
//
// Optional, only when started by start-everything.mjs (env COUNTERSIGN_E2E_IPC=1 and an IPC
// channel): reports the bound address to the parent ({ loopbackListening: { address, port } }),
// and exits when the parent goes away, so a killed launcher never leaves the server orphaned.

const net = require('node:net');

const HOST = '127.0.0.1';
const originalListen = net.Server.prototype.listen;
const ipc = process.env.COUNTERSIGN_E2E_IPC === '1' && typeof process.send === 'function';

function isPort(v) {
  return typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v));
}

net.Server.prototype.listen = function listen(...args) {
  const first = args[0];
  const cb = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
  let options;
  if (first === undefined || typeof first === 'function') {
    options = { port: 0 };                                    // listen() / listen(cb)
  } else if (isPort(first)) {                                 // listen(port[, host][, backlog])
    options = { port: Number(first) };
    const backlog = args.slice(1).find((a) => typeof a === 'number');
    if (backlog !== undefined) options.backlog = backlog;
  } else if (first !== null && typeof first === 'object'
      && first.path === undefined && first.fd === undefined && first._handle === undefined
      && first.handle === undefined) {
    options = { ...first };                                   // listen({ port, host, ... })
  } else {
    return originalListen.apply(this, cb ? [...args, cb] : args);   // pipe path or handle
  }
  options.host = HOST;
  delete options.ipv6Only;
  if (ipc) {
    this.once('listening', () => {
      const a = this.address();
      try { process.send({ loopbackListening: { address: a.address, port: a.port } }); } catch { /* parent gone */ }
    });
  }
  return cb ? originalListen.call(this, options, cb) : originalListen.call(this, options);
};

if (ipc) {
  process.on('disconnect', () => process.exit(0));
}

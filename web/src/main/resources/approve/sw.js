// The approver app's service worker: keeps the app shell for offline start and shows pushes.
// Requests and decisions are never cached: they always go to the server.
const SHELL = 'countersign-approve-v1';
const FILES = ['./', 'app.js', 'app.css', 'icon.svg', 'manifest.webmanifest'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.pathname.includes('/approve/api/')) {
    return; // the network, always
  }
  event.respondWith(fetch(event.request).catch(() => caches.match(event.request)));
});

// A push (delivered by the browser's push service) carries no arguments: only which request to open.
self.addEventListener('push', (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = {}; }
  const title = (data.notification && data.notification.title) || 'Approval needed';
  const body = (data.notification && data.notification.body) || 'A tool call waits for your decision.';
  const url = (data.data && data.data.url) || './';
  event.waitUntil(self.registration.showNotification(title, { body, data: { url }, tag: url }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data.url, self.registration.scope).href;
  event.waitUntil(self.clients.openWindow(url));
});

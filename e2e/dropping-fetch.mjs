// A fetch for the SDK's StreamableHTTPClientTransport that drops the tools/call stream once, right
// after its priming event (the first SSE event with an id), as a broken network connection would:
// the event passes, then the body errors and the real connection is closed. The transport then
// resumes the stream on its own with GET + Last-Event-ID. With holdReconnect, the first such GET
// waits until resume() is called, so a test can act while the client is away.
//
// stats: dropped (the Last-Event-ID the client kept), gets ([{lastEventId, status}] of the
// resuming GETs) and responsesSeen (how many responses to the call arrived in all the SSE events
// the client read: a response delivered twice counts 2).

export function droppingFetch(inner, { holdReconnect = false, onEvent = () => {} } = {}) {
  const stats = { dropped: null, gets: [], responsesSeen: 0 };
  let callId;
  let release;
  const released = new Promise((resolve) => { release = resolve; });

  function countResponses(text) {
    for (const line of text.split('\n')) {
      if (!line.startsWith('data:')) continue;
      try {
        const message = JSON.parse(line.slice(5));
        if (message.id === callId && ('result' in message || 'error' in message)) stats.responsesSeen++;
      } catch { /* a priming event's empty data */ }
    }
  }

  function watched(body, dropAfterPriming) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let pending = '';
    return new ReadableStream({
      async pull(controller) {
        const { value, done } = await reader.read();
        if (done) { controller.close(); return; }
        const text = decoder.decode(value, { stream: true });
        if (!dropAfterPriming) {
          countResponses(text);
          controller.enqueue(value);
          return;
        }
        pending += text;
        const end = pending.indexOf('\n\n');
        if (end < 0 || !/^id: /m.test(pending.slice(0, end))) return;
        const priming = pending.slice(0, end + 2);
        controller.enqueue(new TextEncoder().encode(priming));
        stats.dropped = /^id: (.*)$/m.exec(priming)[1];
        onEvent({ event: 'dropped', lastEventId: stats.dropped });
        await reader.cancel().catch(() => {});
        controller.error(new TypeError('terminated: connection dropped (simulated)'));
      },
      cancel(reason) { return reader.cancel(reason); },
    });
  }

  async function fetchAndDrop(url, init = {}) {
    const method = (init.method ?? 'GET').toUpperCase();
    let drop = false;
    if (method === 'POST' && typeof init.body === 'string' && stats.dropped === null) {
      const message = JSON.parse(init.body);
      if (message.method === 'tools/call') { callId = message.id; drop = true; }
    }
    const lastEventId = new Headers(init.headers).get('last-event-id');
    if (lastEventId && holdReconnect && stats.gets.length === 0) {
      onEvent({ event: 'reconnecting', lastEventId });
      await released;
    }
    const response = await inner(url, init);
    if (lastEventId) stats.gets.push({ lastEventId, status: response.status });
    if (!response.body || !(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
      return response;
    }
    return new Response(watched(response.body, drop), {
      status: response.status, statusText: response.statusText, headers: response.headers,
    });
  }

  return { fetch: fetchAndDrop, stats, resume: () => release() };
}

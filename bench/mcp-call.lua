-- wrk script: MCP tools/call over Streamable HTTP inside an already initialised session.
--
--   MCP_SESSION=... MCP_PROTOCOL=2025-11-25 MCP_TOOL=echo MCP_ARGS='{"message":"hi"}' \
--   MCP_AUTH='Bearer KEY' MCP_LIMIT=20000 MCP_THREADS=1 \
--   wrk -t1 -c16 -d60s --timeout 10s -s mcp-call.lua URL
--
-- * Every request has a distinct JSON-RPC id of constant width, so the whole request except the id
--   is built once per thread.
-- * A response is good when it is HTTP 200 and carries a JSON-RPC result that is not a tool error
--   (application/json and text/event-stream bodies alike).
-- * Latency is measured here, per call: the time request() hands wrk the call with id X to the time
--   response() sees the answer carrying id X (monotonic clock via LuaJIT's FFI). wrk's own
--   histogram is corrected for coordinated omission, which inflates p90/p99 of a short closed-loop
--   run, so it is only reported as p99_wrk_ms.
-- * MCP_LIMIT bounds the number of calls (split over the threads), wrk's -d bounds the time. wrk
--   always sleeps for the whole -d, so a thread that reaches its share stops and wakes wrk's main
--   thread with SIGINT (wrk's own "stop now" signal). calls/s = good answers / (first request to
--   last answer).
-- done() prints one JSON line: {"engine":"wrk","requests":..,"good":..,"bad":..,...,"p50_ms":..}

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } mcp_timespec;
  int clock_gettime(int clk_id, mcp_timespec *tp);
  unsigned long pthread_self(void);
  int pthread_kill(unsigned long thread, int sig);
]]
local CLOCK_MONOTONIC, SIGINT = 1, 2
local ts = ffi.new("mcp_timespec")
local function now_s()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
end

-- setup() and done() run in wrk's main Lua state --------------------------------------------------
local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_index", thread_count)
  table.insert(threads, thread)
end

-- init(), request(), response() run in each thread's own Lua state ---------------------------------
local head, tail, next_id, limit, main_thread
local sent_at = {}

function init(args)
  main_thread = ffi.C.pthread_self()      -- wrk calls init() on its main thread
  local tool = os.getenv("MCP_TOOL") or "echo"
  local tool_args = os.getenv("MCP_ARGS") or "{}"
  local session = os.getenv("MCP_SESSION")
  local protocol = os.getenv("MCP_PROTOCOL") or "2025-11-25"
  local auth = os.getenv("MCP_AUTH")
  local total = tonumber(os.getenv("MCP_LIMIT") or "0")
  local threads_total = tonumber(os.getenv("MCP_THREADS") or "1")
  limit = math.ceil(total / threads_total)

  -- ids 1T00000001..: 10 digits while the counter stays below 1e8, so Content-Length is constant
  next_id = 1000000000 + thread_index * 100000000
  local placeholder = "@@ID@@@@@@"                      -- 10 characters, replaced per request
  local body = '{"jsonrpc":"2.0","id":' .. placeholder ..
    ',"method":"tools/call","params":{"name":"' .. tool .. '","arguments":' .. tool_args .. '}}'
  local headers = {
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json, text/event-stream",
    ["MCP-Protocol-Version"] = protocol,
  }
  if session and session ~= "" then headers["Mcp-Session-Id"] = session end
  if auth and auth ~= "" then headers["Authorization"] = auth end
  local req = wrk.format("POST", wrk.path, headers, body)   -- sets Host and Content-Length
  local at = string.find(req, placeholder, 1, true)
  head = string.sub(req, 1, at - 1)
  tail = string.sub(req, at + #placeholder)

  -- globals, read by done() through thread:get()
  done_count, good, bad, bad_status, last_bad = 0, 0, 0, 0, ""
  t_first, t_last = 0, 0
  lat_ms = {}
end

function request()
  local now = now_s()
  if t_first == 0 then t_first = now end
  next_id = next_id + 1
  sent_at[next_id] = now
  return head .. next_id .. tail
end

function response(status, headers, body)
  local now = now_s()
  t_last = now
  done_count = done_count + 1
  local id = body and tonumber(string.match(body, '"id"%s*:%s*(%d+)'))
  local t0 = id and sent_at[id]
  if t0 then
    sent_at[id] = nil
    lat_ms[#lat_ms + 1] = (now - t0) * 1000
  end
  if status == 200 and body ~= nil and string.find(body, '"result"', 1, true)
      and not string.find(body, '"isError":true', 1, true) then
    good = good + 1
  else
    bad = bad + 1
    if status ~= 200 then bad_status = bad_status + 1 end
    if last_bad == "" then last_bad = status .. " " .. string.sub(body or "", 1, 300) end
  end
  if limit > 0 and done_count >= limit then
    wrk.thread:stop()
    ffi.C.pthread_kill(main_thread, SIGINT)
  end
end

local function json_string(s)
  s = string.gsub(s, '[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == '\\' then return '\\\\' end
    return string.format("\\u%04x", string.byte(c))
  end)
  return '"' .. s .. '"'
end

function done(summary, latency, requests)
  local g, b, bs, lb = 0, 0, 0, ""
  local first, last = math.huge, 0
  local all = {}
  for _, t in ipairs(threads) do
    local tf, tl = t:get("t_first") or 0, t:get("t_last") or 0
    if tf > 0 and tf < first then first = tf end
    if tl > last then last = tl end
    g = g + (t:get("good") or 0)
    b = b + (t:get("bad") or 0)
    bs = bs + (t:get("bad_status") or 0)
    if lb == "" then lb = t:get("last_bad") or "" end
    for _, v in ipairs(t:get("lat_ms") or {}) do all[#all + 1] = v end
  end
  table.sort(all)
  local function pct(p)
    if #all == 0 then return 0 end
    return all[math.max(1, math.min(#all, math.ceil(p / 100 * #all)))]
  end
  local sum = 0
  for _, v in ipairs(all) do sum = sum + v end
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  local secs = (last > first) and (last - first) or (summary.duration / 1e6)
  io.write(string.format(
    '{"engine":"wrk","requests":%d,"good":%d,"bad":%d,"badStatus":%d,"socketErrors":%d,' ..
    '"durationS":%.3f,"rps":%.1f,"samples":%d,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,' ..
    '"max_ms":%.3f,"mean_ms":%.3f,"p99_wrk_ms":%.3f,"firstBad":%s}\n',
    summary.requests, g, b, bs, socket_errors, secs, g / secs, #all, pct(50), pct(90), pct(99),
    pct(100), #all > 0 and sum / #all or 0, latency:percentile(99) / 1000, json_string(lb)))
end

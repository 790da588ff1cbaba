-- request.lua: the one wrk script of scripts/bench, set up by environment variables
--   BENCH_METHOD (GET), BENCH_COOKIE, BENCH_CTYPE, BENCH_BODY (a file sent as the body),
--   BENCH_PATHS (a file of paths, one a line, taken in turn; else wrk's URL path)
-- done() prints one line: "BENCH requests/s p50_ms p99_ms status_errors socket_errors requests".
local function env(name) local v = os.getenv(name); if v == "" then return nil end; return v end

wrk.method = env("BENCH_METHOD") or "GET"
if env("BENCH_COOKIE") then wrk.headers["Cookie"] = env("BENCH_COOKIE") end
if env("BENCH_CTYPE") then wrk.headers["Content-Type"] = env("BENCH_CTYPE") end
if env("BENCH_BODY") then
	local f = assert(io.open(env("BENCH_BODY"), "rb"))
	wrk.body = f:read("*a")
	f:close()
end

local paths = nil
if env("BENCH_PATHS") then
	paths = {}
	for line in io.lines(env("BENCH_PATHS")) do paths[#paths + 1] = line end
end
local i = 0

if paths then
	-- Every thread starts at its own place, so the threads do not ask for the same rows at once.
	function setup(thread) thread:set("start", math.random(#paths)) end
	function init(args) i = (start or 0) end
	function request()
		i = i % #paths + 1
		return wrk.format(nil, paths[i])
	end
end

function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("BENCH %.1f %.2f %.2f %d %d %d\n",
		summary.requests / (summary.duration / 1e6),
		latency:percentile(50) / 1000, latency:percentile(99) / 1000,
		e.status, e.connect + e.read + e.write + e.timeout, summary.requests))
end

-- GET of the URL given to wrk, signed in when BENCH_COOKIE holds a session cookie (SESSION=...).
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then
	wrk.headers["Cookie"] = cookie
end

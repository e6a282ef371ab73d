-- 90 % reads, 10 % posts, by signed-in users. BENCH_SESSIONS names a file of lines
-- "<cookie> <url-encoded CSRF token>", one per session, signed in beforehand; requests take the
-- sessions in turn. Reads are split evenly between the user's own timeline, the public timeline
-- and BENCH_USER_PAGE. A post answers 302 (to /), which wrk counts as a success.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")

local sessions = {}
for line in io.lines(os.getenv("BENCH_SESSIONS")) do
	local cookie, token = line:match("^(%S+)%s+(%S+)$")
	if cookie then
		sessions[#sessions + 1] = { cookie = cookie, token = token }
	end
end

local reads = { "/", "/public", os.getenv("BENCH_USER_PAGE") }
local form = { ["Content-Type"] = "application/x-www-form-urlencoded" }
local sent = 0

function init(args)
	-- Each wrk thread has a Lua state of its own; seed each differently (a table's address).
	math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
	sent = sent + 1
	local session = sessions[sent % #sessions + 1]
	if math.random() < 0.1 then
		form["Cookie"] = session.cookie
		return wrk.format("POST", "/add_message", form, "text=Posted+by+wrk+" .. sent .. "&_csrf=" .. session.token)
	end
	return wrk.format("GET", reads[math.random(#reads)], { ["Cookie"] = session.cookie })
end

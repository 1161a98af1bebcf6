-- wrk script for bench/run.sh: every request carries an X-Bench-Key header, the key of a rate limit
-- with "source": "header".
--   wrk ... URL -- N PREFIX   a key drawn at random per request from PREFIX1 .. PREFIXN
--   wrk ... URL -- 0 PREFIX   a key never sent before: PREFIX, the wrk thread's number, a counter
-- Only the header changes from request to request; method, path and wrk's other headers stay.

local threads = 0

function setup(thread)
   threads = threads + 1
   thread:set("thread_number", threads)
end

function init(args)
   key_count = tonumber(args[1])
   prefix = args[2]
   sent = 0
   -- each thread its own sequence, and another one every run
   math.randomseed(os.time() * 1000 + thread_number)
   headers = {}
   for name, value in pairs(wrk.headers) do
      headers[name] = value
   end
end

function request()
   if key_count > 0 then
      headers["X-Bench-Key"] = prefix .. math.random(key_count)
   else
      sent = sent + 1
      headers["X-Bench-Key"] = prefix .. thread_number .. "-" .. sent
   end
   return wrk.format(nil, nil, headers)
end

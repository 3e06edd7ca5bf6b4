"""gunicorn settings for the naive baseline: the same server as the optimised app, none of its hooks.

gunicorn reads ./gunicorn.conf.py from the folder it starts in when no `-c` is given, so without
this file the naive app ran with the optimised app's whole config, including its worker hooks
(the data catch-up added for issue 15 fails in an app that has no data store). The comparison is
about the apps, so the baseline gets the same kind of workers (gthread, 4 threads, keep-alive
5 s); bench/servers.py passes workers, bind and timeout on the command line.
"""

worker_class = "gthread"
threads = 4
keepalive = 5

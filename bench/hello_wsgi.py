# The peer for bench/sync-vs-gunicorn.sh: Gunicorn serving the same answer as Narwhal's hello app.
def app(environ, start_response):
    body = b"Hello, World!"
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]

# Test helper: downloads http://HOST:PORT/PATH on one TCP connection at about RATE bytes/s, with a 16 KiB receive buffer, and prints a JSON summary.
# The small buffer matters: with the kernel's autotuned one (up to 6 MiB here) a whole 4 MiB file crosses the network in the
# first second and a "slow" download only reads it slowly from local memory, so a failover in its middle proves nothing.
import hashlib, json, socket, sys, time

host, port, path, rate = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
t0 = time.time()
got = 0
digest = hashlib.sha256()
status = 0
error = None
try:
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16384)
    s.settimeout(60)
    s.connect((host, port))
    s.sendall(f'GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n'.encode())
    head = b''
    while b'\r\n\r\n' not in head:
        chunk = s.recv(4096)
        if not chunk:
            raise EOFError('closed before the end of the headers')
        head += chunk
    head, body = head.split(b'\r\n\r\n', 1)
    status = int(head.split()[1])
    got = len(body)
    digest.update(body)
    while True:
        chunk = s.recv(4096)
        if not chunk:
            break
        got += len(chunk)
        digest.update(chunk)
        time.sleep(len(chunk) / rate)
except Exception as e:  # the summary says what went wrong; the test decides
    error = f'{type(e).__name__}: {e}'
print(json.dumps({'status': status, 'bytes': got, 'sha256': digest.hexdigest(), 'ms': int((time.time() - t0) * 1000), 'error': error}))

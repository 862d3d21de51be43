#!/usr/bin/python3
"""N RTSP readers in one process, for the RTSP benchmark: lighter on a 2-core box than N ffmpeg processes, so the
server measured is not starved by its own readers. Each reader is a real RTSP session: DESCRIBE, SETUP of the first
(video) track over UDP (client_port pair) or TCP (interleaved), PLAY; then it reads every RTP packet (no decoding)
and keeps its session alive with GET_PARAMETER every KEEPALIVE s. Prints "ready N" once all N played, then every
second "TIME total_packets total_bytes sessions_with_packets_this_second connections_closed_by_the_server"; on SIGTERM each session is torn down
(TEARDOWN, without waiting for the answers) before it exits, so the next measurement starts with no sessions left
over (a UDP session would otherwise live on until its timeout).

Usage: rtsp_readers.py N URL udp|tcp [KEEPALIVE]
"""
import os, selectors, signal, socket, sys, time

n, url, transport = int(sys.argv[1]), sys.argv[2], sys.argv[3]
keepalive = float(sys.argv[4]) if len(sys.argv) > 4 else 15.0
host, port = url.split("//", 1)[1].split("/", 1)[0].split(":")
port = int(port)


class Reader:
    def __init__(self):
        self.sock = socket.create_connection((host, port), timeout=10)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.cseq = 0
        self.session = None
        self.buf = b""
        self.packets = 0
        self.bytes = 0
        self.rtp = None
        self.early = 0

    def request(self, method, target, headers=()):
        self.cseq += 1
        text = f"{method} {target} RTSP/1.0\r\nCSeq: {self.cseq}\r\nUser-Agent: rtsp-bench\r\n"
        if self.session:
            text += f"Session: {self.session}\r\n"
        for h in headers:
            text += h + "\r\n"
        self.sock.sendall((text + "\r\n").encode())

    def reply(self):
        while True:
            # "$" frames that come before the answer (a server may start the stream first) are skipped.
            while self.buf[:1] == b"$" and len(self.buf) >= 4 and len(self.buf) >= 4 + ((self.buf[2] << 8) | self.buf[3]):
                self.early += 1
                self.buf = self.buf[4 + ((self.buf[2] << 8) | self.buf[3]):]
            if self.buf[:1] != b"$" and b"\r\n\r\n" in self.buf:
                break
            chunk = self.sock.recv(65536)
            if not chunk:
                raise IOError("closed")
            self.buf += chunk
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode(errors="replace").split("\r\n")
        headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
        length = int(headers.get("content-length", "0"))
        while len(self.buf) < length:
            self.buf += self.sock.recv(65536)
        body, self.buf = self.buf[:length], self.buf[length:]
        status = int(lines[0].split()[1])
        if status != 200:
            raise IOError(f"{lines[0]}")
        return headers, body.decode(errors="replace")

    def start(self):
        self.request("DESCRIBE", url, ["Accept: application/sdp"])
        headers, sdp = self.reply()
        base = headers.get("content-base", url)
        control = None
        in_media = False
        for line in sdp.splitlines():
            if line.startswith("m="):
                if in_media:
                    break
                in_media = True
            elif in_media and line.startswith("a=control:"):
                control = line[len("a=control:"):].strip()
        if control is None or control == "*":
            target = base
        elif control.startswith("rtsp://"):
            target = control
        else:
            target = base.rstrip("/") + "/" + control
        if transport == "udp":
            for _ in range(50):
                rtp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                rtp.bind(("127.0.0.1", 0))
                p = rtp.getsockname()[1]
                if p % 2 == 0:
                    try:
                        rtcp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                        rtcp.bind(("127.0.0.1", p + 1))
                        break
                    except OSError:
                        pass
                rtp.close()
            rtp.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
            self.rtp, self.rtcp = rtp, rtcp
            spec = f"RTP/AVP;unicast;client_port={p}-{p + 1}"
        else:
            spec = "RTP/AVP/TCP;unicast;interleaved=0-1"
        self.request("SETUP", target, [f"Transport: {spec}"])
        headers, _ = self.reply()
        self.session = headers["session"].split(";")[0].strip()

    def play(self):
        self.request("PLAY", url, ["Range: npt=0.000-"])

    def played(self):
        self.reply()
        self.sock.setblocking(False)
        if self.rtp:
            self.rtp.setblocking(False)

    def on_tcp(self):
        data = self.sock.recv(262144)
        if not data:
            raise IOError("closed")
        self.buf += data
        b = self.buf
        i = 0
        while i < len(b):
            if b[i] == 0x24:
                if len(b) - i < 4:
                    break
                length = (b[i + 2] << 8) | b[i + 3]
                if len(b) - i < 4 + length:
                    break
                if b[i + 1] == 0:
                    self.packets += 1
                    self.bytes += length
                i += 4 + length
            else:
                end = b.find(b"\r\n\r\n", i)
                if end < 0:
                    break
                i = end + 4  # a keep-alive's answer (no body)
        self.buf = b[i:]

    def on_udp(self):
        while True:
            try:
                data = self.rtp.recv(65536)
            except BlockingIOError:
                return
            self.packets += 1
            self.bytes += len(data)


stopping = False


def stop(*_):
    global stopping
    stopping = True


signal.signal(signal.SIGTERM, stop)
# Every session is set up first, then PLAY is sent on all and the answers read: a server that answers PLAY at the
# next keyframe makes each wait up to a GOP, which one by one would take N GOPs (and the first sessions would time
# out before the keep-alives begin).
readers = []
for _ in range(n):
    r = Reader()
    r.start()
    readers.append(r)
for r in readers:
    r.play()
for r in readers:
    r.played()
print(f"ready {n} early_frames {sum(r.early for r in readers)}", flush=True)
sel = selectors.DefaultSelector()
for r in readers:
    sel.register(r.sock, selectors.EVENT_READ, (r, "tcp"))
    if r.rtp:
        sel.register(r.rtp, selectors.EVENT_READ, (r, "udp"))
last_report = last_keepalive = time.time()
seen = [0] * n
dead = []
while not stopping:
    for key, _ in sel.select(0.2):
        r, kind = key.data
        try:
            if kind == "udp":
                r.on_udp()
            elif transport == "tcp":
                r.on_tcp()
            elif not r.sock.recv(65536):  # keep-alive answers
                raise OSError("closed")
        except OSError:
            # The server closed this session's connection: counted, and no longer read.
            sel.unregister(key.fileobj)
            if r not in dead:
                dead.append(r)
    if len(dead) == n:
        break  # the server is gone
    now = time.time()
    if now - last_keepalive >= keepalive:
        for r in readers:
            if r in dead:
                continue
            try:
                r.sock.setblocking(True)
                r.request("GET_PARAMETER", url)
                r.sock.setblocking(False)
            except OSError:
                dead.append(r)
        last_keepalive = now
    if now - last_report >= 1.0:
        active = sum(1 for i, r in enumerate(readers) if r.packets > seen[i])
        seen = [r.packets for r in readers]
        print(f"{now:.3f} {sum(r.packets for r in readers)} {sum(r.bytes for r in readers)} {active} {len(dead)}", flush=True)
        last_report = now
for r in readers:
    try:
        r.sock.setblocking(True)
        r.sock.settimeout(2)
        r.request("TEARDOWN", url)
    except OSError:
        pass
time.sleep(0.5)
os._exit(0)

#!/usr/bin/python3
"""gst-rtsp-server serving one shared media, for comparison with ActorStream's RTSP server (tests and bench/).

Usage: gst-rtsp-server.py PORT MOUNT LAUNCH
  PORT    TCP port of the RTSP server (0 is not allowed: clients must know it)
  MOUNT   path of the media, e.g. /test (rtsp://127.0.0.1:PORT/test)
  LAUNCH  a gst-launch description whose payloaders are named pay0, pay1, ..., in parentheses, e.g.
          "( videotestsrc is-live=true ! x264enc tune=zerolatency ! rtph264pay name=pay0 pt=96 )"
The media is shared (one pipeline for every client), as a live camera would be. Prints "ready" when listening;
stops on SIGTERM or SIGINT. With GST_RTSP_MULTICAST=FIRST-LAST (IPv4 group addresses, e.g.
239.255.42.1-239.255.42.10) it also offers RTP/AVP multicast from that range, ports 5000-5100, TTL 1.
"""
import os
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
gi.require_version("GstRtsp", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    port, mount, launch = sys.argv[1], sys.argv[2], sys.argv[3]
    if not port.isdigit() or not 0 < int(port) < 65536 or not mount.startswith("/"):
        print(f"gst-rtsp-server.py: bad port {port!r} or mount {mount!r}", file=sys.stderr)
        return 2
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_service(port)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch)
    factory.set_shared(True)
    multicast = os.environ.get("GST_RTSP_MULTICAST")
    if multicast:
        first, _, last = multicast.partition("-")
        pool = GstRtspServer.RTSPAddressPool()
        if not pool.add_range(first, last or first, 5000, 5100, 1):
            print(f"gst-rtsp-server.py: bad GST_RTSP_MULTICAST {multicast!r}", file=sys.stderr)
            return 2
        factory.set_address_pool(pool)
        lower = GstRtsp.RTSPLowerTrans
        factory.set_protocols(lower.UDP | lower.UDP_MCAST | lower.TCP)
    server.get_mount_points().add_factory(mount, factory)
    if server.attach(None) == 0:
        print(f"gst-rtsp-server.py: cannot listen on port {port}", file=sys.stderr)
        return 1
    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    print("ready", flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())

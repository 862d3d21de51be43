#!/usr/bin/env bash
# Installs what ActorStream needs on a fresh Debian/Ubuntu machine where it is missing.
# Sourced by demo.sh and test.sh; safe to run twice. Only the .NET 10 SDK is assumed.
set -euo pipefail

need_apt=()
command -v ffmpeg  >/dev/null 2>&1 || need_apt+=(ffmpeg)
command -v ffprobe >/dev/null 2>&1 || need_apt+=(ffmpeg)
# The web console's page is bundled from npm packages by the build (src/Nodes/Web/client).
command -v npm     >/dev/null 2>&1 || need_apt+=(nodejs npm)
# test.sh sets this when root: the network-namespace tests need ip (iproute2) and nft (nftables), and VLC.
if [ "${ACTORSTREAM_NEED_IP:-0}" = 1 ]; then
  command -v ip  >/dev/null 2>&1 || need_apt+=(iproute2)
  command -v nft >/dev/null 2>&1 || need_apt+=(nftables)
  # The stations test plays /stations.m3u in VLC (cvlc, run as nobody) and records what it gets; vlc-plugin-base
  # holds the UDP access, the TS demuxer and muxer and the file output it uses.
  command -v cvlc >/dev/null 2>&1 || need_apt+=(vlc-bin vlc-plugin-base)
  # The RTSP tests play with GStreamer (rtspsrc, the libav decoders, x264enc) and compare with gst-rtsp-server,
  # run by scripts/gst-rtsp-server.py through Debian's python3-gi.
  command -v gst-launch-1.0 >/dev/null 2>&1 || need_apt+=(gstreamer1.0-tools)
  for pkg in gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav \
             gir1.2-gst-rtsp-server-1.0 python3-gi; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need_apt+=("$pkg")
  done
fi
# test.sh sets this: the web console's tests drive Debian's chromium headless through Playwright's driver (never a
# browser Playwright downloads). The binary itself, not /usr/bin/chromium (a wrapper script); a font for screenshots.
if [ "${ACTORSTREAM_NEED_BROWSER:-0}" = 1 ]; then
  [ -x /usr/lib/chromium/chromium ] || need_apt+=(chromium fonts-liberation)
fi

# OpenCV's native library (OpenCvSharp4.official.runtime.linux-x64, the opencv: sources) links GTK 3, libdrm and
# libatomic. GTK's package is libgtk-3-0 on Debian 12 and libgtk-3-0t64 on Ubuntu 24.04: take the one apt knows.
if ! ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0'; then
  gtk=libgtk-3-0
  if apt-cache show libgtk-3-0t64 >/dev/null 2>&1; then
    gtk=libgtk-3-0t64
  fi
  need_apt+=("$gtk" libdrm2 libatomic1)
fi

if [ ${#need_apt[@]} -gt 0 ]; then
  # de-duplicate
  mapfile -t need_apt < <(printf '%s\n' "${need_apt[@]}" | sort -u)
  if [ "$(id -u)" = 0 ]; then
    echo "prerequisites: installing ${need_apt[*]} with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need_apt[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    echo "prerequisites: installing ${need_apt[*]} with sudo apt-get" >&2
    sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "prerequisites: missing ${need_apt[*]}; install with: apt-get install -y ${need_apt[*]}" >&2
    exit 1
  fi
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "prerequisites: the .NET 10 SDK is missing: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
  exit 1
fi

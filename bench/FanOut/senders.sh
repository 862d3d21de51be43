# The senders compared: each sends the same MPEG-TS file, paced in real time, to the same N ports on
# 127.0.0.1 as 1316-byte (7x188) UDP datagrams. fanout_sender_command fills FANOUT_CMD, or says in
# FANOUT_UNAVAILABLE why the tool cannot run here (the script then reports that instead of a figure).
# shellcheck shell=bash

FANOUT_GST_APT="apt-get install -y gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad"

# Usage: fanout_sender_command TOOL FILE "PORT..." TCPPORT
fanout_sender_command() {
  local tool=$1 file=$2 ports=$3 tcpport=$4 p list=""
  FANOUT_CMD=()
  FANOUT_UNAVAILABLE=""
  case "$tool" in
    ffmpeg)
      command -v ffmpeg >/dev/null || { FANOUT_UNAVAILABLE="ffmpeg not found (apt-get install -y ffmpeg)"; return 1; }
      # tee muxer: one mpegts muxer per slave; onfail=ignore keeps the others going if one fails.
      for p in $ports; do list+="${list:+|}[f=mpegts:onfail=ignore]udp://127.0.0.1:$p?pkt_size=1316"; done
      FANOUT_CMD=(ffmpeg -nostdin -hide_banner -nostats -loglevel warning -re -i "$file" -map 0 -c copy -f tee "$list")
      ;;
    gstreamer)
      local missing="" e
      command -v gst-launch-1.0 >/dev/null && command -v gst-inspect-1.0 >/dev/null || missing="gst-launch-1.0 "
      if [[ -z "$missing" ]]; then
        for e in filesrc tsparse multiudpsink; do
          gst-inspect-1.0 "$e" >/dev/null 2>&1 || missing+="$e "
        done
      fi
      [[ -z "$missing" ]] || { FANOUT_UNAVAILABLE="GStreamer missing: ${missing% } (install with: $FANOUT_GST_APT)"; return 1; }
      # tsparse timestamps the packets from the PCR and groups 7 per buffer; multiudpsink sync=true
      # sends each buffer at its time, so the stream goes out in real time as 1316-byte datagrams.
      for p in $ports; do list+="${list:+,}127.0.0.1:$p"; done
      FANOUT_CMD=(gst-launch-1.0 -q filesrc "location=$file" ! tsparse set-timestamps=true alignment=7
        ! multiudpsink "clients=$list" sync=true)
      ;;
    actorstream)
      if [[ -z "${ACTORSTREAM_EXE:-}" || ! -x "$ACTORSTREAM_EXE" ]]; then
        FANOUT_UNAVAILABLE="actorstream executable not built (dotnet build -c Release src/Nodes, or pass --actorstream PATH)"
        return 1
      fi
      # The shape the issue gives; --actorstream-args adds more (e.g. "--port $tcpport" for the cluster port).
      FANOUT_CMD=("$ACTORSTREAM_EXE" seed --source "file:$file" --codec copy)
      local extra=${ACTORSTREAM_ARGS//\$tcpport/$tcpport}
      # shellcheck disable=SC2206 # word splitting of the extra arguments is intended
      [[ -n "$extra" ]] && FANOUT_CMD+=($extra)
      for p in $ports; do FANOUT_CMD+=(--dest "udp://127.0.0.1:$p"); done
      ;;
    *)
      FANOUT_UNAVAILABLE="unknown tool '$tool' (known: actorstream ffmpeg gstreamer)"
      return 1
      ;;
  esac
}

# The test stream: 720p30 H.264 in MPEG-TS at about 4 Mbit/s, made once from testsrc2 and cached.
# shellcheck shell=bash

# Prints the path of a cached file at least $2 seconds long under directory $1, making it if needed.
fanout_test_file() {
  local cache=$1 need=$2 f d best=""
  mkdir -p "$cache"
  # The cache is build output, never committed.
  [[ -f "$cache/.gitignore" ]] || echo '*' >"$cache/.gitignore"
  for f in "$cache"/fanout-720p30-4M-*s.ts; do
    [[ -f "$f" ]] || continue
    d=${f##*-}; d=${d%s.ts}
    [[ "$d" =~ ^[0-9]+$ ]] && (( d >= need )) && { best=$f; break; }
  done
  if [[ -z "$best" ]]; then
    best="$cache/fanout-720p30-4M-${need}s.ts"
    echo "making the test file $best ($need s)..." >&2
    # -g 30: a key frame each second; maxrate/bufsize keep the rate near-constant, as a camera's would be.
    ffmpeg -nostdin -hide_banner -loglevel error -y \
      -f lavfi -i "testsrc2=size=1280x720:rate=30" -t "$need" \
      -c:v libx264 -preset veryfast -pix_fmt yuv420p -b:v 4M -maxrate 4M -bufsize 1M -g 30 \
      -f mpegts "$best.part" >&2 && mv "$best.part" "$best" || { rm -f "$best.part"; return 1; }
  fi
  echo "$best"
}

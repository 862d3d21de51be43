# Turns one measured case into a row of the Markdown results table, with its delivery check.
# shellcheck shell=bash

FANOUT_TABLE_HEADER='| N | tool | CPU ms/dest/stream-s (process) | (tree) | user / sys ms/dest/s (process) | datagrams/port (min..max) | ports reached | bytes/datagram | Mbit/s per port | other load / softirq (cores) | check |
|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|'

# A row for a case that produced no figure: $1 N, $2 tool, $3 why.
fanout_row_none() {
  echo "| $1 | $2 | - | - | - | - | - | - | - | - | $3 |"
}

# Usage: fanout_row N TOOL WINDOW_S "CPU0" "CPU1" "MACHINE0" "MACHINE1" REPORT SIZES FILE_MBPS NOTE
# CPUx: "self_user self_sys tree_user tree_sys" ticks; MACHINEx: "busy softirq" ticks.
fanout_row() {
  local n=$1 tool=$2 win=$3 c0=$4 c1=$5 m0=$6 m1=$7 report=$8 sizes=$9 file_mbps=${10} note=${11}
  local reached min max avg
  reached=$(fanout_kv "$report" reached); min=$(fanout_kv "$report" min); max=$(fanout_kv "$report" max)
  avg=$(fanout_kv "$sizes" avgsize)
  [[ -n "$avg" && "$avg" != 0 ]] || avg=$(fanout_kv "$report" avgsize)
  [[ -n "$avg" && "$avg" != 0* ]] || avg=1316
  local total
  total=$(fanout_kv "$report" total)
  awk -v n="$n" -v tool="$tool" -v win="$win" -v hz="$FANOUT_HZ" -v c0="$c0" -v c1="$c1" -v m0="$m0" -v m1="$m1" \
      -v reached="${reached:-0}" -v min="${min:-0}" -v max="${max:-0}" -v total="${total:-0}" -v avg="$avg" \
      -v fmbps="$file_mbps" -v note="$note" 'BEGIN {
    split(c0, a, " "); split(c1, b, " "); split(m0, x, " "); split(m1, y, " ")
    per = 1000 / hz / n / win                      # ticks -> ms per destination per second
    su = (b[1] - a[1]) * per; ss = (b[2] - a[2]) * per
    tu = (b[3] - a[3]) * per; ts = (b[4] - a[4]) * per
    treecores = ((b[3] - a[3]) + (b[4] - a[4])) / hz / win
    other = (y[1] - x[1]) / hz / win - treecores; if (other < 0) other = 0
    softirq = (y[2] - x[2]) / hz / win
    mbps = (total / n) * avg * 8 / win / 1e6
    check = note
    if (reached < n) check = check (check ? "; " : "") "ONLY " reached "/" n " PORTS REACHED"
    if (fmbps > 0 && (mbps < 0.9 * fmbps || mbps > 1.1 * fmbps))
      check = check (check ? "; " : "") sprintf("RATE %.2f, file is %.2f Mbit/s", mbps, fmbps)
    if (max > 0 && min < 0.9 * max) check = check (check ? "; " : "") "UNEVEN DELIVERY"
    if (check == "") check = "ok"
    printf "| %d | %s | %.3f | %.3f | %.3f / %.3f | %d..%d | %d/%d | %.0f | %.2f | %.2f / %.2f | %s |\n",
      n, tool, su + ss, tu + ts, su, ss, min, max, reached, n, avg, mbps, other, softirq, check
  }'
}

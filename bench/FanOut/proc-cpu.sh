# CPU time of a process and of its process tree, from /proc/PID/stat (clock ticks).
# shellcheck shell=bash

FANOUT_HZ=$(getconf CLK_TCK)

# Prints "utime stime cutime cstime" of one PID (fields 14-17 of /proc/PID/stat; the command name
# in field 2 may hold spaces, so the text is cut after its closing parenthesis). Nothing if it is gone.
fanout_stat_times() {
  local s
  s=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  s=${s##*) }
  # shellcheck disable=SC2086
  set -- $s
  echo "${12} ${13} ${14} ${15}"
}

# Prints "self_user self_sys tree_user tree_sys" in ticks. The process's own figure covers all its
# threads. The tree adds every live descendant and the reaped children's time (cutime/cstime), so a
# child that exits between two snapshots moves its time into its parent's cutime and is not lost.
fanout_cpu_snapshot() {
  local root=$1 su=0 ss=0 tu=0 ts=0 p u s cu cs
  read -r su ss cu cs <<<"$(fanout_stat_times "$root")"
  su=${su:-0}; ss=${ss:-0}
  tu=$((su + ${cu:-0})); ts=$((ss + ${cs:-0}))
  for p in $(fanout_descendants "$root"); do
    read -r u s cu cs <<<"$(fanout_stat_times "$p")"
    tu=$((tu + ${u:-0} + ${cu:-0})); ts=$((ts + ${s:-0} + ${cs:-0}))
  done
  echo "$su $ss $tu $ts"
}

# Machine-wide busy and softirq ticks from /proc/stat, to show how busy the box was besides the
# sender (another build on a 2-core box skews everything) and how much loopback work ran in softirq.
fanout_machine_snapshot() {
  awk '/^cpu /{ print $2+$3+$4+$7+$8+$9, $8; exit }' /proc/stat
}

#!/usr/bin/env bash
# Power and fault control of one node of the multi-node harness cluster.
#
#   node.sh boot NODE      power on: holder (namespaces, mounts, sshd) + corosync + pacemakerd
#   node.sh start NODE     start corosync + pacemakerd in a running node
#   node.sh stop NODE      graceful: SIGTERM pacemakerd (waits up to 60 s), then corosync
#   node.sh kill NODE      SIGKILL pacemakerd + corosync only (execd/schedulerd survive, see README pitfall 6)
#   node.sh crash NODE     SIGKILL every process of the node except its holder (/run survives)
#   node.sh poweroff NODE  SIGKILL the holder: the kernel kills the whole node, /run and /dev/shm are gone
#   node.sh unplug NODE    take the node's veth down (network partition); plug: up again
#   node.sh pids NODE      host PIDs of the node's processes
# NODE is n2, 2 or 10.213.0.2. Only processes proven to be inside the node are signalled.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
(($# == 2)) || usage
cmd=$1
N=$(node_index "$2")
D=$M/n$N
[[ -d $D ]] || { echo "n$N is not configured (run up.sh)" >&2; exit 1; }

# record_daemons HOLDER: host PIDs of corosync and pacemakerd into nN/*.pid
record_daemons() {
	local p c
	rm -f "$D/corosync.pid" "$D/pacemakerd.pid"
	while read -r p c; do
		case $c in corosync | pacemakerd) record_pid "$D/$c.pid" "$p" || true ;; esac
	done < <(node_procs "$1")
}

# signal_daemon HOLDER NAME SIG: signal the recorded daemon if it is (still) inside the node
signal_daemon() {
	local p
	p=$(recorded_alive "$D/$2.pid") || return 1
	in_node "$1" "$p" || return 1
	kill "-$3" "$p" 2>/dev/null && echo "$p"
}

daemons_start() {
	local h=$1
	nsenter -t "$h" -n -m -u -p -- "$MULTI/lib/node-start.sh" 9>&-
	local i
	for ((i = 0; i < 50; i++)); do
		record_daemons "$h"
		[[ -s $D/corosync.pid && -s $D/pacemakerd.pid ]] && return 0
		sleep 0.1
	done
	echo "n$N: daemons not found after start; see $D/var-log-*" >&2
	return 1
}

case $cmd in
boot)
	if h=$(holder_pid "$N"); then
		echo "n$N already powered on (holder $h)"
		daemons_start "$h"
		exit 0
	fi
	rm -f "$D/holder.ready" "$D"/*.pid
	setsid ip netns exec "nsc-n$N" unshare --pid --fork --kill-child --mount --uts --propagation private --mount-proc \
		-- "$MULTI/lib/holder.sh" "$N" </dev/null >>"$D/holder.log" 2>&1 9>&- &
	u=$!
	for ((i = 0; i < 100; i++)); do
		[[ -e $D/holder.ready ]] && break
		[[ -e /proc/$u ]] || { echo "n$N: holder exited; see $D/holder.log" >&2; exit 1; }
		sleep 0.05
	done
	[[ -e $D/holder.ready ]] || { echo "n$N: holder not ready after 5 s; see $D/holder.log" >&2; exit 1; }
	# the holder is unshare's forked child (setsid/ip exec in place, so $! is unshare itself)
	h=
	for c in $(cat "/proc/$u/task/$u/children" 2>/dev/null); do
		# comm is "holder.sh" on Linux but "bash" under gVisor: check the command line
		[[ $(tr '\0' ' ' <"/proc/$c/cmdline") == *lib/holder.sh\ "$N"* ]] && h=$c
	done
	[[ -n $h ]] || { echo "n$N: cannot find the holder under unshare $u" >&2; exit 1; }
	record_pid "$D/holder.pid" "$h"
	record_pid "$D/unshare.pid" "$u"
	daemons_start "$h"
	echo "n$N booted (holder $h)"
	;;
start)
	h=$(holder_pid "$N") || { echo "n$N is powered off; use boot" >&2; exit 1; }
	daemons_start "$h"
	;;
stop)
	h=$(holder_pid "$N") || { echo "n$N is powered off" >&2; exit 0; }
	if p=$(signal_daemon "$h" pacemakerd TERM); then
		wait_gone "$p" 60 || { echo "n$N: pacemakerd $p still running after 60 s; killing" >&2; kill -KILL "$p" || true; }
	fi
	if p=$(signal_daemon "$h" corosync TERM); then
		wait_gone "$p" 30 || { echo "n$N: corosync $p still running after 30 s; killing" >&2; kill -KILL "$p" || true; }
	fi
	rm -f "$D/pacemakerd.pid" "$D/corosync.pid"
	;;
kill)
	h=$(holder_pid "$N") || { echo "n$N is powered off" >&2; exit 1; }
	p=$(signal_daemon "$h" pacemakerd KILL) && echo "killed pacemakerd $p"
	p=$(signal_daemon "$h" corosync KILL) && echo "killed corosync $p"
	rm -f "$D/pacemakerd.pid" "$D/corosync.pid"
	;;
crash)
	h=$(holder_pid "$N") || { echo "n$N is powered off" >&2; exit 1; }
	while read -r p c; do
		in_node "$h" "$p" && kill -KILL "$p" 2>/dev/null && echo "killed $c $p" || true
	done < <(node_procs "$h")
	rm -f "$D/pacemakerd.pid" "$D/corosync.pid"
	;;
poweroff)
	h=$(holder_pid "$N") || { echo "n$N is already off" >&2; exit 0; }
	kill -KILL "$h"
	wait_gone "$h" 10 || true
	rm -f "$D/holder.pid" "$D/holder.ready" "$D/pacemakerd.pid" "$D/corosync.pid"
	echo "n$N powered off"
	;;
unplug) ip link set "nsc-n${N}h" down ;;
plug) ip link set "nsc-n${N}h" up ;;
pids)
	h=$(holder_pid "$N") || { echo "n$N is powered off" >&2; exit 1; }
	echo "$h holder.sh"
	node_procs "$h"
	;;
*) usage ;;
esac

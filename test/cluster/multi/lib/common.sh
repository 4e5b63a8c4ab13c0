# Shared by the multi-node scripts (sourced). Layout:
#   state/multi/authkey, corosync.conf, ssh/{id_ed25519,config,known_hosts}
#   state/multi/nN/{etc-corosync,var-lib-*,var-log-*,etc-ssh,hosts,hostname,*.pid,holder.ready}
MULTI_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MULTI=$(dirname "$MULTI_LIB")
H=$(dirname "$MULTI")
# shellcheck source=../../lib-common.sh
source "$H/lib-common.sh"
M=$H/state/multi
NET=10.213.0
BRIDGE=nscbr0

# node_index n2|2|10.213.0.2 -> 2
node_index() {
	local a=$1
	a=${a#n}
	a=${a#"$NET".}
	[[ $a =~ ^[0-9]+$ ]] && ((a >= 1 && a <= 250)) || { echo "not a node: $1 (use n1, 1 or $NET.1)" >&2; return 2; }
	echo "$a"
}

# holder_pid N -> host PID of node N's PID-1 holder if it runs (checked against the recorded start time)
holder_pid() { recorded_alive "$M/n$1/holder.pid"; }

# in_node HOLDER PID: is PID inside the holder's PID namespace?
in_node() { [[ /proc/$2/ns/pid -ef /proc/$1/ns/pid ]]; }

# node_procs HOLDER: "PID COMM" of every process in the node (host PIDs), holder excluded
node_procs() {
	local d p
	for d in /proc/[0-9]*; do
		p=${d#/proc/}
		[[ $p == "$1" ]] && continue
		[[ $d/ns/pid -ef /proc/$1/ns/pid ]] 2>/dev/null || continue
		echo "$p $(cat "$d/comm" 2>/dev/null)"
	done
}

# nodes_configured -> the node numbers in state (from corosync.conf)
nodes_configured() {
	[[ -f $M/corosync.conf ]] || return 0
	sed -n 's/.*nodeid: *\([0-9]*\).*/\1/p' "$M/corosync.conf"
}

# in_n N CMD...: run CMD inside node N (net, mount, uts and pid namespaces)
in_n() {
	local h
	h=$(holder_pid "$1") || { echo "n$1 is not running" >&2; return 1; }
	shift
	nsenter -t "$h" -n -m -u -p -- "$@"
}

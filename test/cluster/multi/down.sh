#!/usr/bin/env bash
# Tear the multi-node harness cluster down: graceful stop of every node in
# parallel, then the holders, the namespaces and the bridge.
#   down.sh            graceful (pacemakerd up to 60 s, then corosync)
#   down.sh --kill     SIGKILL the holders at once (every process of a node dies with its PID 1)
#   down.sh --purge    also delete test/cluster/state/multi
#   down.sh --if-unused NAME   drop lease NAME; tear down only if no other live lease remains
#   down.sh --force            tear down even while a test run holds a lease (by default it refuses)
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
kill_=0 purge=0 locked=0 lease= force=0
while (($#)); do
	case $1 in
	--kill) kill_=1 ;;
	--purge) purge=1 ;;
	--locked) locked=1 ;; # internal: up.sh holds the lock
	--if-unused) lease=$2; shift ;;
	--force) force=1 ;;
	*) echo "usage: $0 [--kill] [--purge] [--if-unused LEASE] [--force]" >&2; exit 2 ;;
	esac
	shift
done
mkdir -p "$H/state"
if ((!locked)); then
	exec 9>"$H/state/multi.lock"
	flock -w 300 9 || { echo "multi-node harness: timed out waiting for the lock" >&2; exit 1; }
fi
if [[ -n $lease ]]; then
	lease_drop "$M/leases" "$lease" || exit 0
elif ((!locked && !force)); then
	# by hand: drop the manual lease, but never pull the cluster from under a running test run
	if ! lease_drop "$M/leases" manual >/dev/null; then
		echo "cluster harness: in use by a test run ($(ls "$M/leases" | tr '\n' ' ')); not stopped (--force stops it anyway)" >&2
		exit 1
	fi
elif ((force)); then
	rm -f "$M"/leases/*
fi
t0=$(now_ms)
nodes=$(nodes_configured)
if ((!kill_)); then
	pids=()
	for n in $nodes; do
		holder_pid "$n" >/dev/null || continue
		"$MULTI/node.sh" stop "$n" 9>&- &
		pids+=($!)
	done
	for p in "${pids[@]}"; do wait "$p" || true; done
fi
for n in $nodes; do
	h=$(holder_pid "$n") || continue
	if ((kill_)); then kill -KILL "$h"; else kill -TERM "$h"; fi
	wait_gone "$h" 10 || kill -KILL "$h" 2>/dev/null || true
	u=$(recorded_alive "$M/n$n/unshare.pid" 2>/dev/null || true)
	[[ -n $u ]] && { wait_gone "$u" 5 || kill -KILL "$u" 2>/dev/null || true; }
	rm -f "$M/n$n/holder.pid" "$M/n$n/holder.ready" "$M/n$n"/{unshare,corosync,pacemakerd}.pid
done
# the network only if this harness made it (network.up), and only its own namespaces
if [[ -f $M/network.up ]]; then
	for n in $nodes; do
		# deleting a netns removes its veth pair asynchronously: a vanished link is fine
		if ip netns list 2>/dev/null | grep -qw "nsc-n$n"; then ip netns del "nsc-n$n" || true; fi
		if ip link show "nsc-n${n}h" >/dev/null 2>&1; then ip link del "nsc-n${n}h" 2>/dev/null || true; fi
	done
	if ip link show "$BRIDGE" >/dev/null 2>&1; then ip link del "$BRIDGE" || true; fi
	rm -f "$M/network.up"
fi
((purge)) && rm -rf "$M"
echo "multi-node harness: down in $(($(now_ms) - t0))ms"

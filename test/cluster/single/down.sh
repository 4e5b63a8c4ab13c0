#!/usr/bin/env bash
# Stop the single-node harness cluster. Only PIDs recorded by up.sh are signalled.
#
#   single/down.sh                   graceful: SIGTERM pacemakerd (waits up to 60 s), then corosync
#   single/down.sh --kill            SIGKILL the recorded daemons at once
#   single/down.sh --purge           also delete test/cluster/state/single
#   single/down.sh --if-unused NAME  drop lease NAME; stop only if no other live lease remains
#   single/down.sh --force           stop even while a test run holds a lease (by default it refuses)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
H=$(dirname "$HERE")
# shellcheck source=../lib-common.sh
source "$H/lib-common.sh"
S=$H/state/single
kill_=0 purge=0 locked=0 lease= force=0
while (($#)); do
	case $1 in
	--kill) kill_=1 ;;
	--purge) purge=1 ;;
	--locked) locked=1 ;; # internal: the caller (up.sh) holds the lock
	--if-unused) lease=$2; shift ;;
	--force) force=1 ;;
	*) echo "usage: $0 [--kill] [--purge] [--if-unused LEASE] [--force]" >&2; exit 2 ;;
	esac
	shift
done
[[ -d $S ]] || exit 0
if ((!locked)); then
	exec 9>"$H/state/single.lock"
	flock -w 300 9 || { echo "cluster harness: timed out waiting for the lock" >&2; exit 1; }
fi

if [[ -n $lease ]]; then
	lease_drop "$S/leases" "$lease" || exit 0
elif ((!locked && !force)); then
	# by hand: drop the manual lease, but never pull the cluster from under a running test run
	if ! lease_drop "$S/leases" manual >/dev/null; then
		echo "cluster harness: in use by a test run ($(ls "$S/leases" | tr '\n' ' ')); not stopped (--force stops it anyway)" >&2
		exit 1
	fi
elif ((force)); then
	rm -f "$S"/leases/*
fi

t0=$(now_ms)
pm=$(recorded_alive "$S/pacemakerd.pid" || true)
cs=$(recorded_alive "$S/corosync.pid" || true)
if ((kill_)); then
	for f in "$S/pacemakerd.pid" "$S"/children/* "$S/corosync.pid"; do
		p=$(recorded_alive "$f" 2>/dev/null || true)
		[[ -n $p ]] && kill -KILL "$p" 2>/dev/null || true
	done
else
	if [[ -n $pm ]]; then
		kill -TERM "$pm"
		wait_gone "$pm" 60 || { echo "pacemakerd $pm did not stop in 60 s; killing" >&2; kill -KILL "$pm" || true; }
	fi
	# pacemakerd stops its children; anything recorded and still alive gets a TERM, then a KILL
	for f in "$S"/children/*; do
		p=$(recorded_alive "$f" 2>/dev/null || true)
		[[ -n $p ]] && { kill -TERM "$p" 2>/dev/null || true; wait_gone "$p" 10 || kill -KILL "$p" 2>/dev/null || true; }
	done
	if [[ -n $cs ]]; then
		kill -TERM "$cs"
		wait_gone "$cs" 30 || { echo "corosync $cs did not stop in 30 s; killing" >&2; kill -KILL "$cs" || true; }
	fi
fi
rm -f "$S/pacemakerd.pid" "$S/corosync.pid"
rm -rf "$S/children"
# plain mode used the host's CIB directory: take our CIB out, put back what was there
if [[ $(cat "$S/mode" 2>/dev/null) == plain && -z $(recorded_alive "$S/pacemakerd.pid" 2>/dev/null) ]]; then
	rm -rf "$S/var-lib-pacemaker/cib-plain"
	mkdir -p "$S/var-lib-pacemaker/cib-plain"
	for f in /var/lib/pacemaker/cib/cib*; do [[ -e $f ]] && mv "$f" "$S/var-lib-pacemaker/cib-plain/"; done
	last=$(ls -d "$S"/host-cib-backup/* 2>/dev/null | tail -1 || true)
	if [[ -n $last ]]; then mv "$last"/* /var/lib/pacemaker/cib/ && rmdir "$last"; fi
	rm -f "$S/mode"
fi
((purge)) && rm -rf "$S"
if [[ -n $pm$cs ]]; then echo "cluster harness: single node stopped in $(($(now_ms) - t0))ms"; fi

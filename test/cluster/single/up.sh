#!/usr/bin/env bash
# Start (or reuse) a real single-node corosync + pacemaker cluster in the root
# network namespace for integration tests. State: test/cluster/state/single.
#
#   single/up.sh            start, or reuse the running harness cluster; waits for a DC
#
# Environment:
#   HASH_SINGLE_NODE_NAME=node1    the node's name (uname -n makes crmsh's "this node" commands reach it)
#   HASH_DC_DEADTIME=2s            dc-deadtime seeded into the fresh CIB (stock is 20s: DC after ~23 s)
#   HASH_SINGLE_MODE=auto          mountns: daemons in a private mount namespace whose /var/lib/pacemaker,
#                                  /var/log/{pacemaker,corosync} and /var/lib/corosync are state/single/*;
#                                  plain: no namespace (containers without CAP_SYS_ADMIN): the host's
#                                  /var/lib/pacemaker/cib is seeded (its old cib* files are moved to
#                                  state/single/host-cib-backup); auto: mountns when possible
#   HASH_CLUSTER_LEASE=NAME        who uses the cluster (vitest sets it); default "manual",
#   HASH_CLUSTER_LEASE_PID=PID     which keeps the cluster up until `down.sh`. A lease is
#                                  dropped when PID is gone. Two test runs never share the
#                                  cluster: while another live lease exists, exit 75 (busy).
# Exit: 0 ready, 3 tools missing, 4 a foreign cluster runs here, 75 busy, 1 other failure.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
H=$(dirname "$HERE")
# shellcheck source=../lib-common.sh
source "$H/lib-common.sh"
S=$H/state/single
DEADTIME=${HASH_DC_DEADTIME:-2s}
LEASE=${HASH_CLUSTER_LEASE:-manual}
LEASE_PID=${HASH_CLUSTER_LEASE_PID:-}

need_tools corosync corosync-cfgtool pacemakerd crm_mon cibadmin crm_attribute crm_resource unshare flock || exit 3
[[ $(id -u) == 0 ]] || { echo "cluster harness: must run as root (mount, unshare)" >&2; exit 1; }
mkdir -p "$S/leases"
exec 9>"$H/state/single.lock"
flock -w 300 9 || { echo "cluster harness: timed out waiting for $H/state/single.lock" >&2; exit 1; }

# --- lease: refuse a second live test run ---------------------------------------
rc=0
lease_take "$S/leases" "$LEASE" "$LEASE_PID" || rc=$?
((rc == 0)) || exit "$rc"

dc_present() { crm_mon -1 --output-as=xml 2>/dev/null | grep -q '<current_dc present="true"'; }
wait_dc() { # SECONDS
	local i
	for ((i = 0; i < $1 * 10; i++)); do
		dc_present && return 0
		sleep 0.1
	done
	return 1
}

# node name: as in Debian's stock corosync.conf unless HASH_SINGLE_NODE_NAME says otherwise (see harness.ts)
NODE_NAME=${HASH_SINGLE_NODE_NAME:-node1}
[[ $NODE_NAME =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$ ]] || { echo "cluster harness: bad HASH_SINGLE_NODE_NAME '$NODE_NAME'" >&2; exit 2; }

# --- reuse ---------------------------------------------------------------------
if recorded_alive "$S/corosync.pid" >/dev/null && recorded_alive "$S/pacemakerd.pid" >/dev/null &&
	grep -q "name: $NODE_NAME\$" "$S/corosync.conf" 2>/dev/null; then
	if wait_dc 60; then
		echo "cluster harness: reusing the running single-node cluster"
		exit 0
	fi
	echo "cluster harness: the running cluster has no DC after 60 s; restarting it" >&2
fi
# Half-dead leftovers of ours (e.g. after a crash of the test run): stop them first.
"$HERE/down.sh" --locked --kill >/dev/null 2>&1 || true

# --- a foreign cluster would answer our CLI calls: refuse, never touch it ------
if grep -qE '@(cib_rw|pacemakerd|cpg|cmap)' /proc/net/unix 2>/dev/null; then
	echo "cluster harness: a corosync/pacemaker not started by this harness runs in the root network namespace;" >&2
	echo "  stop it first (the harness only signals PIDs it recorded itself)" >&2
	exit 4
fi

# --- fresh state ---------------------------------------------------------------
t0=$(now_ms)
MODE=${HASH_SINGLE_MODE:-auto}
if [[ $MODE == auto ]]; then
	if unshare --mount --propagation private true 2>/dev/null; then MODE=mountns; else MODE=plain; fi
fi
rm -rf "$S/var-lib-pacemaker" "$S/var-log-pacemaker" "$S/var-lib-corosync" "$S/var-log-corosync" "$S/children" \
	"$S"/*.pid "$S/timings"
install -d -o hacluster -g haclient -m 755 "$S/var-lib-pacemaker"
for d in cib pengine blackbox cores; do install -d -o hacluster -g haclient -m 750 "$S/var-lib-pacemaker/$d"; done
install -d -o hacluster -g haclient -m 770 "$S/var-log-pacemaker" "$S/var-log-pacemaker/bundles"
install -d -m 755 "$S/var-lib-corosync" "$S/var-log-corosync" "$S/children"
cat >"$S/corosync.conf" <<CONF
# single-node test cluster (test/cluster/single/up.sh)
totem {
	version: 2
	cluster_name: hashtest
	transport: knet
	crypto_cipher: none
	crypto_hash: none
}
logging {
	to_stderr: no
	to_logfile: yes
	logfile: $([[ $MODE == mountns ]] && echo /var/log/corosync || echo "$S/var-log-corosync")/corosync.log
	to_syslog: no
	timestamp: on
}
quorum {
	provider: corosync_votequorum
}
nodelist {
	node {
		name: $NODE_NAME
		nodeid: 1
		ring0_addr: 127.0.0.1
	}
}
CONF
seed_cib "$S/seed.xml" "$DEADTIME"
if [[ $MODE == mountns ]]; then
	install -o hacluster -g haclient -m 600 "$S/seed.xml" "$S/var-lib-pacemaker/cib/cib.xml"
else
	# the host's CIB directory: keep what was there (but not shadow CIBs, which stay), then seed
	backup=$S/host-cib-backup/$(date +%Y%m%dT%H%M%S)
	for f in /var/lib/pacemaker/cib/cib*; do
		[[ -e $f ]] || continue
		mkdir -p "$backup"
		mv "$f" "$backup/"
	done
	install -d -o hacluster -g haclient -m 750 /var/lib/pacemaker/cib
	install -o hacluster -g haclient -m 600 "$S/seed.xml" /var/lib/pacemaker/cib/cib.xml
fi
echo "$MODE" >"$S/mode"

# --- start (in a private mount namespace unless plain) ---------------------------
if [[ $MODE == mountns ]]; then
	unshare --mount --propagation private -- "$HERE/lib/start.sh" "$S" 9>&-
else
	"$HERE/lib/start.sh" "$S" plain 9>&-
fi
t1=$(now_ms)
if ! wait_dc 120; then
	echo "cluster harness: no DC after 120 s; logs in $S/var-log-pacemaker and $S/var-log-corosync" >&2
	exit 1
fi
t2=$(now_ms)
# pacemakerd's children, recorded so that `down.sh --kill` may signal them too
pm=$(recorded_alive "$S/pacemakerd.pid")
for c in $(cat "/proc/$pm/task/$pm/children" 2>/dev/null); do record_pid "$S/children/$c" "$c" || true; done
echo "mode=$MODE start=$((t1 - t0))ms dc=$((t2 - t0))ms deadtime=$DEADTIME" >"$S/timings"
echo "cluster harness: single node up ($MODE), DC after $((t2 - t0))ms (daemons started in $((t1 - t0))ms)"

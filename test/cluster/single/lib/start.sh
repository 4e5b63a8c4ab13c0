#!/usr/bin/env bash
# Runs inside the single node's private mount namespace (made by up.sh with
# `unshare --mount --propagation private`). Network, /run and /dev/shm stay the
# root namespace's, so the Pacemaker CLI in the root namespace reaches this
# cluster; only the daemons' CIB, logs and corosync state are redirected into
# test/cluster/state/single, so nothing is written to the host's /var/lib/pacemaker.
#
#   start.sh STATE_DIR [plain]
# "plain" (where no mount namespace can be made, e.g. a container without
# CAP_SYS_ADMIN): no bind mounts; up.sh has seeded the host's CIB directory.
set -euo pipefail
H=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=../../lib-common.sh
source "$H/lib-common.sh"
S=$1
MODE=${2:-mountns}

if [[ $MODE == mountns ]]; then
	mount --bind "$S/var-lib-pacemaker" /var/lib/pacemaker
	mount --bind "$S/var-log-pacemaker" /var/log/pacemaker
	mount --bind "$S/var-lib-corosync" /var/lib/corosync
	mount --bind "$S/var-log-corosync" /var/log/corosync
else
	# logs still go to the state directory
	CLEAN_ENV=("${CLEAN_ENV[@]/#PCMK_logfile=*/PCMK_logfile=$S/var-log-pacemaker/pacemaker.log}")
fi
# tmpfiles.d would make these at boot; pacemaker-controld needs /run/crm.
install -d -o hacluster -g haclient -m 750 /run/crm
install -d -m 1755 /run/resource-agents

# launched PID -> the daemon's PID (setsid may have forked if we led a process group)
daemon_pid() {
	local pid=$1 name=$2 i c
	for ((i = 0; i < 50; i++)); do
		[[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$name" ]] && { echo "$pid"; return 0; }
		for c in $(cat "/proc/$pid/task/$pid/children" 2>/dev/null); do
			[[ $(cat "/proc/$c/comm" 2>/dev/null) == "$name" ]] && { echo "$c"; return 0; }
		done
		sleep 0.02
	done
	return 1
}

# 9>&- : the harness lock fd must not be inherited by long-lived daemons.
setsid "${CLEAN_ENV[@]}" corosync -f -c "$S/corosync.conf" \
	</dev/null >>"$S/var-log-corosync/corosync.stdout" 2>&1 9>&- &
cpid=$(daemon_pid $! corosync) || { echo "corosync did not start; see $S/var-log-corosync/" >&2; exit 1; }
record_pid "$S/corosync.pid" "$cpid"
for ((i = 0; i < 300; i++)); do
	corosync-cfgtool -s >/dev/null 2>&1 && break
	[[ -e /proc/$cpid ]] || { echo "corosync exited; see $S/var-log-corosync/" >&2; exit 1; }
	sleep 0.1
done
corosync-cfgtool -s >/dev/null 2>&1 || { echo "corosync not ready after 30 s" >&2; exit 1; }

setsid "${CLEAN_ENV[@]}" pacemakerd \
	</dev/null >>"$S/var-log-pacemaker/pacemakerd.stdout" 2>&1 9>&- &
ppid_=$(daemon_pid $! pacemakerd) || { echo "pacemakerd did not start; see $S/var-log-pacemaker/" >&2; exit 1; }
record_pid "$S/pacemakerd.pid" "$ppid_"

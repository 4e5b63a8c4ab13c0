#!/usr/bin/env bash
# Start corosync, then pacemakerd, inside a node (run through
# `nsenter -t HOLDER -n -m -u -p`). Both get a clean environment so nothing of
# the caller's leaks into daemons and resource agents, and are re-parented to
# the node's holder when this script exits.
set -euo pipefail
ENV=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root
	PCMK_logfile=/var/log/pacemaker/pacemaker.log PCMK_logfacility=none)
if ! corosync-cfgtool -s >/dev/null 2>&1; then
	setsid "${ENV[@]}" corosync -f </dev/null >>/var/log/corosync/corosync.stdout 2>&1 9>&- &
	for ((i = 0; i < 300; i++)); do
		corosync-cfgtool -s >/dev/null 2>&1 && break
		sleep 0.1
	done
	corosync-cfgtool -s >/dev/null 2>&1 || { echo "$(hostname): corosync not ready after 30 s" >&2; exit 1; }
fi
if ! pgrep -x pacemakerd >/dev/null; then
	setsid "${ENV[@]}" pacemakerd </dev/null >>/var/log/pacemaker/pacemakerd.stdout 2>&1 9>&- &
fi

#!/usr/bin/env bash
# PID 1 of node N: started by node.sh as
#   ip netns exec nsc-nN unshare --pid --fork --kill-child --mount --uts --propagation private --mount-proc -- holder.sh N
# It gives the node its own hostname, /run, /dev/shm, corosync/pacemaker/crmsh
# state and logs, /etc/hosts and (optionally) sshd, then reaps orphans until
# SIGTERM. SIGKILL from the host = the node loses power.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
N=$1
D=$M/n$N
# an init process ignores signals it has no handler for
trap 'exit 0' TERM INT

hostname "n$N"
# private /run (Dummy state, /run/crm, HA_RSCTMP, pid files) and /dev/shm (libqb IPC buffers)
mount -t tmpfs -o mode=755,nosuid,nodev tmpfs /run
install -d -m 1777 /run/lock
ln -s /dev/shm /run/shm
install -d -o hacluster -g haclient -m 750 /run/crm
install -d -m 1755 /run/resource-agents /run/fence-agents
install -d -m 755 /run/sshd
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /dev/shm

mount --bind "$D/etc-corosync" /etc/corosync
mount --bind "$D/var-lib-corosync" /var/lib/corosync
mount --bind "$D/var-lib-pacemaker" /var/lib/pacemaker
mount --bind "$D/var-log-pacemaker" /var/log/pacemaker
mount --bind "$D/var-log-corosync" /var/log/corosync
mount --bind "$D/var-log-crmsh" /var/log/crmsh
mount --bind "$D/hosts" /etc/hosts
mount --bind "$D/hostname" /etc/hostname
if [[ -d $D/etc-ssh ]]; then
	mount --bind "$D/etc-ssh" /etc/ssh
	/usr/sbin/sshd -E "$D/sshd.log"
fi

touch "$D/holder.ready"
while :; do
	sleep 3600 &
	wait $! || true
done

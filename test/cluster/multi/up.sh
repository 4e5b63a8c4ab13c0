#!/usr/bin/env bash
# Start a 2-3 node corosync + pacemaker cluster, one set of namespaces per node
# (net, mount, uts, pid), on a bridge nscbr0 10.213.0.254/24; node N is nN at 10.213.0.N.
# Never shares anything with the single-node cluster of the root namespace.
#
#   NSC_NODES=2|3 (3)  NSC_DC_DEADTIME=2s (stock 20s)  NSC_TOKEN=1000 (corosync default 3000)
#   NSC_SSH=0 (no sshd; default: on when /usr/sbin/sshd exists)  NSC_KEEP_STATE=1 (keep CIBs and logs)
#   NSC_REUSE=1: if this harness's cluster already runs with NSC_NODES nodes and a DC, reuse it (exit 0)
#   HASH_CLUSTER_LEASE / HASH_CLUSTER_LEASE_PID: as for single/up.sh (exit 75 while another test run holds it)
#
# Then: exec.sh n1 crm_mon -1 | ssh -F test/cluster/state/multi/ssh/config n2 ... | node.sh ... | down.sh
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
NODES=${NSC_NODES:-3}
DEADTIME=${NSC_DC_DEADTIME:-}
TOKEN=${NSC_TOKEN:-}
SSH=${NSC_SSH:-auto}
[[ $SSH == auto ]] && { [[ -x /usr/sbin/sshd ]] && SSH=1 || SSH=0; }
((NODES >= 2 && NODES <= 9)) || { echo "NSC_NODES must be 2..9" >&2; exit 2; }

need_tools corosync corosync-cfgtool corosync-keygen pacemakerd crm_mon cibadmin crm_attribute ip nsenter unshare flock || exit 3
[[ $(id -u) == 0 ]] || { echo "multi-node harness: must run as root" >&2; exit 1; }
mkdir -p "$M"
exec 9>"$H/state/multi.lock"
flock -w 300 9 || { echo "multi-node harness: timed out waiting for $H/state/multi.lock" >&2; exit 1; }

rc=0
lease_take "$M/leases" "${HASH_CLUSTER_LEASE:-manual}" "${HASH_CLUSTER_LEASE_PID:-}" || rc=$?
((rc == 0)) || exit "$rc"

# dc_all_online N: n1 sees a DC and N online nodes
dc_all_online() {
	local x
	x=$(in_n 1 crm_mon -1 --output-as=xml 2>/dev/null || true)
	[[ $x == *'<current_dc present="true"'* ]] && (($(grep -c 'online="true"' <<<"$x") >= $1))
}

t0=$(now_ms)
if ip link show "$BRIDGE" >/dev/null 2>&1; then
	if [[ ! -f $M/network.up ]]; then
		echo "multi-node harness: $BRIDGE exists but was not made by this harness (no $M/network.up); not touching it" >&2
		exit 4
	fi
	up=0
	for n in $(nodes_configured); do holder_pid "$n" >/dev/null && up=$((up + 1)); done
	if ((up > 0)); then
		if [[ ${NSC_REUSE:-0} == 1 && $up == "$NODES" && $(nodes_configured | wc -l) == "$NODES" ]] &&
			{ ((SSH == 0)) || [[ -f $M/ssh/config ]]; } && dc_all_online "$NODES"; then
			echo "multi-node harness: reusing the running $NODES-node cluster"
			exit 0
		fi
		echo "multi-node harness: already up ($up nodes powered on); use down.sh first" >&2
		exit 1
	fi
	echo "multi-node harness: removing a stale network of a previous run" >&2
	"$MULTI/down.sh" --locked --kill >/dev/null 2>&1 || true
fi

# --- state -----------------------------------------------------------------------
if [[ ${NSC_KEEP_STATE:-0} != 1 ]]; then
	rm -rf "${M:?}"/n[0-9]* "$M/ssh" "$M/authkey" "$M/corosync.conf" "$M/timings.up"
fi
[[ -s $M/authkey ]] || corosync-keygen -k "$M/authkey" >/dev/null 2>&1
{
	echo "# multi-node test cluster (test/cluster/multi/up.sh)"
	echo "totem {"
	echo "	version: 2"
	echo "	cluster_name: nscluster"
	echo "	transport: knet"
	echo "	crypto_cipher: aes256"
	echo "	crypto_hash: sha256"
	[[ -n $TOKEN ]] && echo "	token: $TOKEN"
	echo "}"
	echo "logging {"
	echo "	to_stderr: no"
	echo "	to_logfile: yes"
	echo "	logfile: /var/log/corosync/corosync.log"
	echo "	to_syslog: no"
	echo "	timestamp: on"
	echo "}"
	echo "quorum {"
	echo "	provider: corosync_votequorum"
	((NODES == 2)) && echo "	two_node: 1"
	echo "}"
	echo "nodelist {"
	for ((n = 1; n <= NODES; n++)); do
		echo "	node {"
		echo "		ring0_addr: $NET.$n"
		echo "		name: n$n"
		echo "		nodeid: $n"
		echo "	}"
	done
	echo "}"
} >"$M/corosync.conf"
if [[ -n $DEADTIME ]]; then seed_cib "$M/seed.xml" "$DEADTIME"; else rm -f "$M/seed.xml"; fi

hosts="127.0.0.1 localhost"$'\n'
for ((n = 1; n <= NODES; n++)); do hosts+="$NET.$n n$n"$'\n'; done

if ((SSH)); then
	install -d -m 700 "$M/ssh"
	[[ -s $M/ssh/id_ed25519 ]] || ssh-keygen -q -t ed25519 -N '' -C hash-test-cluster -f "$M/ssh/id_ed25519"
	: >"$M/ssh/known_hosts"
fi

for ((n = 1; n <= NODES; n++)); do
	D=$M/n$n
	if [[ ! -d $D ]]; then
		install -d -m 755 "$D" "$D/etc-corosync" "$D/var-lib-corosync" "$D/var-log-corosync"
		install -d -o hacluster -g haclient -m 755 "$D/var-lib-pacemaker"
		for d in cib pengine blackbox cores; do install -d -o hacluster -g haclient -m 750 "$D/var-lib-pacemaker/$d"; done
		install -d -o hacluster -g haclient -m 770 "$D/var-log-pacemaker" "$D/var-log-pacemaker/bundles"
		install -d -o hacluster -g haclient -m 775 "$D/var-log-crmsh"
		[[ -f $M/seed.xml ]] && install -o hacluster -g haclient -m 600 "$M/seed.xml" "$D/var-lib-pacemaker/cib/cib.xml"
	fi
	install -m 644 "$M/corosync.conf" "$D/etc-corosync/corosync.conf"
	install -m 400 "$M/authkey" "$D/etc-corosync/authkey"
	[[ -d /etc/corosync/uidgid.d ]] && install -d -m 755 "$D/etc-corosync/uidgid.d"
	printf '%s' "$hosts" >"$D/hosts"
	echo "n$n" >"$D/hostname"
	if ((SSH)); then
		E=$D/etc-ssh
		install -d -m 755 "$E"
		[[ -s $E/ssh_host_ed25519_key ]] || ssh-keygen -q -t ed25519 -N '' -C "n$n" -f "$E/ssh_host_ed25519_key"
		install -m 600 "$M/ssh/id_ed25519" "$E/cluster_key"
		install -m 644 "$M/ssh/id_ed25519.pub" "$E/authorized_keys"
		cat >"$E/sshd_config" <<-CONF
			# sshd of test node n$n (bind-mounted over /etc/ssh inside the node)
			ListenAddress 0.0.0.0
			HostKey /etc/ssh/ssh_host_ed25519_key
			PidFile /run/sshd.pid
			AuthorizedKeysFile /etc/ssh/authorized_keys
			PermitRootLogin prohibit-password
			PasswordAuthentication no
			KbdInteractiveAuthentication no
			UsePAM no
			AcceptEnv LANG LC_*
			Subsystem sftp internal-sftp
		CONF
		cat >"$E/ssh_config" <<-CONF
			# node-to-node ssh (crmsh cluster-wide commands)
			Host *
			    User root
			    IdentityFile /etc/ssh/cluster_key
			    GlobalKnownHostsFile /etc/ssh/ssh_known_hosts
			    UserKnownHostsFile /dev/null
			    StrictHostKeyChecking yes
			    BatchMode yes
		CONF
		echo "n$n,$NET.$n $(cut -d' ' -f1,2 "$E/ssh_host_ed25519_key.pub")" >>"$M/ssh/known_hosts"
	fi
done
if ((SSH)); then
	for ((n = 1; n <= NODES; n++)); do install -m 644 "$M/ssh/known_hosts" "$M/n$n/etc-ssh/ssh_known_hosts"; done
	{
		echo "# ssh -F $M/ssh/config n1 crm_mon -1"
		for ((n = 1; n <= NODES; n++)); do printf 'Host n%s\n    HostName %s.%s\n' "$n" "$NET" "$n"; done
		echo "Host n* $NET.*"
		echo "    User root"
		echo "    IdentityFile $M/ssh/id_ed25519"
		echo "    IdentitiesOnly yes"
		echo "    UserKnownHostsFile $M/ssh/known_hosts"
		echo "    GlobalKnownHostsFile /dev/null"
		echo "    StrictHostKeyChecking yes"
		echo "    BatchMode yes"
		echo "    LogLevel ERROR"
	} >"$M/ssh/config"
	# a VIP may sit on any node: accept any node's host key for any address of the test net
	sed -n 's/^n[0-9]*,[^ ]* /'"$NET"'.* /p' "$M/ssh/known_hosts" >>"$M/ssh/known_hosts"
fi

# --- network -----------------------------------------------------------------------
echo "$NODES" >"$M/network.up"
ip link add "$BRIDGE" type bridge
sysctl -qw "net.ipv6.conf.$BRIDGE.disable_ipv6=1" || true
ip addr add "$NET.254/24" dev "$BRIDGE"
ip link set "$BRIDGE" up
for ((n = 1; n <= NODES; n++)); do
	ns=nsc-n$n
	ip netns add "$ns"
	ip link add "nsc-n${n}h" type veth peer name eth0 netns "$ns"
	sysctl -qw "net.ipv6.conf.nsc-n${n}h.disable_ipv6=1" || true
	ip link set "nsc-n${n}h" master "$BRIDGE" up
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 || true
	ip -n "$ns" addr add "$NET.$n/24" dev eth0
	ip -n "$ns" link set lo up
	ip -n "$ns" link set eth0 up
done
t_net=$(now_ms)

# --- power on, all nodes in parallel (wait on these PIDs only: the holders live on) ---
pids=()
for ((n = 1; n <= NODES; n++)); do
	"$MULTI/node.sh" boot "$n" 9>&- &
	pids+=($!)
done
fail=0
for p in "${pids[@]}"; do wait "$p" || fail=1; done
((fail == 0)) || { echo "multi-node harness: a node failed to boot (see state/multi/nN/)" >&2; exit 1; }
t_boot=$(now_ms)

# --- wait for a DC and all nodes online, seen from n1 -------------------------------
ok=0
for ((i = 0; i < 1200; i++)); do
	dc_all_online "$NODES" && { ok=1; break; }
	sleep 0.1
done
((ok)) || { echo "multi-node harness: no DC with $NODES nodes online after 120 s; logs in state/multi/nN/var-log-*" >&2; exit 1; }
t_dc=$(now_ms)
in_n 1 crm_attribute -t crm_config -n stonith-enabled -v false >/dev/null
echo "nodes=$NODES network=$((t_net - t0))ms boot=$((t_boot - t_net))ms dc=$((t_dc - t0))ms deadtime=${DEADTIME:-20s} token=${TOKEN:-3000}" >"$M/timings.up"
echo "multi-node harness: $NODES nodes up, DC after $((t_dc - t0))ms ($(cat "$M/timings.up"))"

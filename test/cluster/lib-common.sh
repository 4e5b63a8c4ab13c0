# Shared helpers for the single- and multi-node harness scripts (sourced, not run).
# Only PIDs that these scripts recorded are ever signalled, and each one is
# checked (command name + start time) before, so a reused PID is left alone.

# pid_start PID -> the process start time (field 22 of /proc/PID/stat), or nothing.
pid_start() {
	local stat
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	# comm (field 2) may hold spaces; cut after the last ')'.
	stat=${stat##*) }
	# after the cut, field 1 is state (overall field 3), so start time is field 20.
	set -- $stat
	echo "${20}"
}

# record_pid FILE PID: write "PID STARTTIME COMM" so later checks can guard against PID reuse.
record_pid() {
	local start comm
	start=$(pid_start "$2") || return 1
	comm=$(cat "/proc/$2/comm" 2>/dev/null) || return 1
	echo "$2 $start $comm" >"$1"
}

# recorded_alive FILE: prints the PID if the recorded process still runs (same start time and comm).
recorded_alive() {
	local pid start comm now
	[[ -s $1 ]] || return 1
	read -r pid start comm <"$1" || return 1
	[[ -n $pid ]] || return 1
	now=$(pid_start "$pid" 2>/dev/null) || return 1
	[[ $now == "$start" ]] || return 1
	[[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$comm" ]] || return 1
	echo "$pid"
}

# wait_gone PID SECONDS: wait until PID has exited; returns 1 on timeout.
wait_gone() {
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		[[ -e /proc/$1 ]] || return 0
		# a zombie counts as gone
		[[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) == Z ]] && return 0
		sleep 0.1
	done
	return 1
}

# now_ms: wall clock in milliseconds (for timings).
now_ms() { date +%s%3N; }

# seed_cib FILE DEADTIME: an empty CIB with fast DC election and no fencing (README pitfalls 4, 5),
# made offline so no live cluster is touched.
seed_cib() {
	cibadmin --empty >"$1"
	CIB_file=$1 crm_attribute -t crm_config -n dc-deadtime -v "$2" >/dev/null
	CIB_file=$1 crm_attribute -t crm_config -n stonith-enabled -v false >/dev/null
}

# need_tools: fail with an actionable message when the cluster stack is missing.
need_tools() {
	local t missing=()
	for t in "$@"; do command -v "$t" >/dev/null 2>&1 || missing+=("$t"); done
	if ((${#missing[@]})); then
		echo "cluster harness: missing ${missing[*]}; install with:" >&2
		echo "  apt-get install -y pacemaker pacemaker-cli-utils corosync crmsh resource-agents" >&2
		return 3
	fi
}

# clean_env: the environment daemons run with (pitfall 11: nothing of the caller leaks in).
CLEAN_ENV=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root
	PCMK_logfile=/var/log/pacemaker/pacemaker.log PCMK_logfacility=none)

# --- leases: who uses a harness cluster ------------------------------------------
# A lease is a file LEASEDIR/NAME holding a recorded PID (a test run's main
# process) or "manual" (started by hand: kept until down.sh). Dead leases are dropped.

# lease_prune DIR: drop the leases whose process is gone
lease_prune() {
	local f
	for f in "$1"/*; do
		[[ -e $f ]] || continue
		[[ $(cat "$f" 2>/dev/null) == manual ]] && continue
		recorded_alive "$f" >/dev/null || rm -f "$f"
	done
}

# lease_take DIR NAME PID: take lease NAME (PID empty = manual); returns 75 if another
# live non-manual lease exists, so two test runs never share one cluster
lease_take() {
	local f b
	mkdir -p "$1"
	lease_prune "$1"
	if [[ $2 != manual ]]; then
		for f in "$1"/*; do
			[[ -e $f ]] || continue
			b=$(basename "$f")
			[[ $b == "$2" || $(cat "$f" 2>/dev/null) == manual ]] && continue
			echo "cluster harness: busy, in use by $b ($(cat "$f"))" >&2
			return 75
		done
	fi
	if [[ -n $3 ]]; then record_pid "$1/$2" "$3"; else echo manual >"$1/$2"; fi
}

# lease_drop DIR NAME: drop lease NAME; returns 0 if nobody else holds the cluster
lease_drop() {
	local f
	rm -f "$1/$2"
	lease_prune "$1"
	for f in "$1"/*; do
		[[ -e $f ]] || continue
		echo "cluster harness: still in use by $(basename "$f"); left running"
		return 1
	done
	return 0
}

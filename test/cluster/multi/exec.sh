#!/usr/bin/env bash
# Run a command inside a node of the multi-node harness cluster, or a login shell:
#   exec.sh n1 crm_mon -1      exec.sh 2 crm configure show      exec.sh 10.213.0.3
# stdin, the TTY and the exit code pass through. The caller's environment is
# inherited on purpose (but CIB_file/CIB_shadow would redirect the tools: unset them).
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
(($# >= 1)) || { echo "usage: $0 NODE [CMD...]" >&2; exit 2; }
N=$(node_index "$1")
shift
h=$(holder_pid "$N") || { echo "n$N is not running" >&2; exit 1; }
(($#)) || set -- bash -l
exec nsenter -t "$h" -n -m -u -p -- "$@"

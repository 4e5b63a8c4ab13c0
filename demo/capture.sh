#!/usr/bin/env bash
# Regenerate demo/cib.xml and demo/crm_mon.xml from a real three-node cluster
# (test/cluster/multi). Needs root and the Pacemaker stack; takes about a minute.
# The harness cluster is torn down at the end, also on failure.
set -euo pipefail
DEMO=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MULTI=$DEMO/../test/cluster/multi
X=("$MULTI/exec.sh")
unset CIB_file CIB_shadow CIB_shadow_dir

trap '"$MULTI/down.sh" >/dev/null || true' EXIT
NSC_NODES=3 NSC_DC_DEADTIME=2s NSC_TOKEN=1000 NSC_SSH=0 "$MULTI/up.sh"

# node attributes (permanent), then the configuration in one crmsh load
"${X[@]}" n1 crm_attribute --node n1 --name rack --update a
"${X[@]}" n1 crm_attribute --node n2 --name rack --update a
"${X[@]}" n1 crm_attribute --node n3 --name rack --update b
# standby first, so n3 never runs anything (no orphaned clone instances in the status)
"${X[@]}" n1 crm node standby n3
"${X[@]}" n1 crm configure load update "$DEMO/cluster.crm"

settle() { "${X[@]}" n1 crm_resource --wait --timeout=120s || true; }
settle
# the failure of `flaky`: its state file vanishes on the node that runs it
node=$("${X[@]}" n1 crm_resource --locate --resource flaky | sed -n 's/.*running on: *//p' | head -1)
[[ -n $node ]] || { echo "capture: flaky is not running" >&2; exit 1; }
"${X[@]}" "$node" rm -f /run/Dummy-flaky.state
# wait for the monitor (5 s) to see it, and for the recovery
for ((i = 0; i < 100; i++)); do
	"${X[@]}" n1 crm_mon -1 --output-as=xml | grep -q 'fail-count-flaky' && break
	sleep 0.2
done
settle
sleep 3
settle

"${X[@]}" n1 cibadmin --query >"$DEMO/cib.xml"
"${X[@]}" n1 crm_mon --one-shot --inactive --output-as=xml >"$DEMO/crm_mon.xml"
"${X[@]}" n1 crm_mon --one-shot --inactive --show-detail --failcounts >"$DEMO/crm_mon.txt" || true
echo "captured: $DEMO/cib.xml ($(wc -c <"$DEMO/cib.xml") bytes), crm_mon.xml, crm_mon.txt"

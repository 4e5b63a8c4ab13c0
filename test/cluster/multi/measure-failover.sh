#!/usr/bin/env bash
# Measure failover of a resource in the running multi-node harness cluster:
#   measure-failover.sh RESOURCE kill|crash|poweroff|unplug|standby
# Finds the node running RESOURCE, injects the fault, and polls crm_mon on
# another node (every ~50 ms) until the node is offline and RESOURCE runs
# elsewhere. Prints both times in ms. The victim is not brought back.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
rsc=$1 fault=$2
victim=
for n in $(nodes_configured); do
	holder_pid "$n" >/dev/null || continue
	loc=$(in_n "$n" crm_resource --locate -r "$rsc" 2>/dev/null || true)
	victim=$(sed -n 's/.*running on: *n\([0-9]*\).*/\1/p' <<<"$loc" | head -1)
	[[ -n $victim ]] && break
done
[[ -n $victim ]] || { echo "$rsc is not running" >&2; exit 1; }
observer=
for n in $(nodes_configured); do [[ $n != "$victim" ]] && holder_pid "$n" >/dev/null && { observer=$n; break; }; done
t0=$(now_ms)
case $fault in
standby) in_n "$observer" crm_attribute -N "n$victim" -n standby -v on >/dev/null ;;
*) "$MULTI/node.sh" "$fault" "n$victim" >/dev/null ;;
esac
t_cmd=$(now_ms)
off= moved=
for ((i = 0; i < 1200; i++)); do
	x=$(in_n "$observer" crm_mon -1 --output-as=xml 2>/dev/null || true)
	now=$(now_ms)
	if [[ -z $off && $fault != standby ]] && grep -q "<node name=\"n$victim\" id=\"$victim\" online=\"false\"" <<<"$x"; then off=$((now - t0)); fi
	if grep -A1 "<resource id=\"$rsc\"[^>]*role=\"Started\"" <<<"$x" | grep -q '<node name="n' && ! grep -A1 "<resource id=\"$rsc\"" <<<"$x" | grep -q "<node name=\"n$victim\""; then
		moved=$((now - t0)); break
	fi
	sleep 0.05
done
echo "fault=$fault victim=n$victim observer=n$observer command=$((t_cmd - t0))ms offline=${off:-n/a}ms recovered=${moved:-timeout}ms"

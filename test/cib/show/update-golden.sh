#!/bin/bash
# Regenerate the show golden files from crmsh 4.4 (the reference):
#   golden/<case>/input.crm  → cib.xml   (crm -F configure load update into an empty CIB file,
#                                         then input2.crm when there is one)
#                            → show.crm  (crm configure show of that CIB)
# hash.crm (hand-written, optional) is where hash deliberately differs from crmsh;
# it is never touched here. Only offline CIB files are used (CIB_file), never a cluster.
# usage: test/cib/show/update-golden.sh [case...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v crm >/dev/null || { echo "crmsh (crm) is not installed" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=($(cd "$here/golden" && ls))
for c in "${cases[@]}"; do
  d="$here/golden/$c"
  [ -f "$d/input.crm" ] || continue
  cibadmin --empty > "$tmp/cib.xml"
  # pin the schema so the files do not change with the installed Pacemaker
  sed -i 's/validate-with="[^"]*"/validate-with="pacemaker-3.7"/' "$tmp/cib.xml"
  CIB_file="$tmp/cib.xml" crm -F configure load update "$d/input.crm" > "$tmp/log" 2>&1 || { cat "$tmp/log" >&2; echo "crmsh refused $c" >&2; exit 1; }
  # a second load, for what crmsh only does with objects already in the CIB (fencing_topology without targets)
  if [ -f "$d/input2.crm" ]; then
    CIB_file="$tmp/cib.xml" crm -F configure load update "$d/input2.crm" > "$tmp/log" 2>&1 || { cat "$tmp/log" >&2; echo "crmsh refused $c (input2)" >&2; exit 1; }
  fi
  # keep the configuration only: status and timestamps would churn
  python3 - "$tmp/cib.xml" "$d/cib.xml" <<'PY'
import re, sys
s = open(sys.argv[1]).read()
s = re.sub(r'<status>.*?</status>|<status/>', '<status/>', s, flags=re.S)
s = re.sub(r' (cib-last-written|update-origin|update-client|update-user|have-quorum|dc-uuid)="[^"]*"', '', s)
s = re.sub(r' (epoch|num_updates|admin_epoch)="[^"]*"', lambda m: ' %s="%s"' % (m.group(1), '1' if m.group(1) == 'epoch' else '0'), s)
open(sys.argv[2], 'w').write(s)
PY
  cp "$d/cib.xml" "$tmp/show.xml"
  CIB_file="$tmp/show.xml" crm configure show > "$d/show.crm"
  echo "updated $c"
done

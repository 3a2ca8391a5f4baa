#!/usr/bin/env bash
# The quick variant of scripts/crash-test.sh: five SIGKILLs at random moments of incremental and
# full rebuilds of the team's articles (copied 60 times); each must leave a database that opens
# and checks clean, and a rerun must give exactly the passages of a clean build.
source "$(dirname "$0")/lib.sh"
run_status rc env CRASH_CORPUS=articles CRASH_TMP="$work" CRASH_JOBS=2 \
    bash "$DOSSIER_SOURCE_DIR/scripts/crash-test.sh" 5 > "$work/out" 2>&1
cat "$work/out"
check "crash-test exits 0" [ "$rc" = 0 ]
check "5/5 recovered" grep -qx "5/5 recovered" "$work/out"
finish

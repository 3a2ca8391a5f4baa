#!/usr/bin/env bash
# The pager and the interactive prompt, on a real pseudo terminal driven through tmux (issue 9):
# long output goes through less with wrapped, dimmed context; short output and --no-pager do
# not; a session narrows a query by actor and date, completes, keeps its history, survives
# Ctrl-C. Every wait polls the screen until the expected text appears, with a deadline.
source "$(dirname "$0")/lib.sh"
command -v tmux > /dev/null || skip "tmux is not installed (scripts/setup.sh installs it)"
command -v less > /dev/null || skip "less is not installed (scripts/setup.sh installs it)"
fixtures="$DOSSIER_SOURCE_DIR/tests/data/terminal"
db="$work/db"
"$DOSSIER_INDEX" build "$fixtures" --db "$db" --actors "$DOSSIER_SOURCE_DIR/corpus/actors.tsv" \
    --quiet
# One tmux server per terminal: a new one never races an old one shutting down on the same socket.
terminals=0
sock="$work/tmux.0"
trap 'for s in "$work"/tmux.*; do tmux -S "$s" kill-server 2> /dev/null || true; done; rm -rf "$work"' EXIT
tmux_() { tmux -S "$sock" "$@"; }
total() {  # exact: every match is on the page
    { "$DOSSIER_QUERY" --db "$db" --format json -n 1000 "$@" || true; } |
        python3 -c 'import json,sys; print(len(json.load(sys.stdin)["hits"]))'
}

# A fresh 100x24 terminal running `command`; it prints __EXIT_<status>__ when done and stays.
# The environment is the user's defaults: pager and colour chosen by the tool, not by us.
start() {
    tmux_ kill-server 2> /dev/null || true
    terminals=$((terminals + 1))
    sock="$work/tmux.$terminals"
    rm -f "$work/pane"
    tmux_ -f /dev/null new-session -d -x 100 -y 24 -s t \
        "env -u PAGER -u DOSSIER_PAGER -u LESS -u NO_COLOR -u COLUMNS -u LINES TERM=xterm \
         DOSSIER_HISTORY='$work/history' $1; echo __EXIT_\$?__; read -r"
}
screen() { tmux_ capture-pane -p -t t "$@"; }
wait_for() {  # wait_for REGEX [SECONDS]: until the screen (and its scrollback) shows it
    local deadline=$((SECONDS + ${2:-20}))
    while ((SECONDS < deadline)); do
        if screen -S -300 > "$work/pane" 2> /dev/null && grep -Eq -- "$1" "$work/pane"; then
            return 0
        fi
        sleep 0.05
    done
    echo "--- timed out waiting for /$1/; the screen:" >&2
    cat "$work/pane" >&2
    return 1
}
last_line() { screen | sed -e 's/[[:space:]]*$//' | grep -v '^$' | tail -1; }

# --- the pager: long text output on a terminal ------------------------------------------------
start "'$DOSSIER_QUERY' --db '$db' -C 1 -n 10 --match any missiles launches"
check "pager: output appears" wait_for "¶2  Pyongyang launched"
check "pager: less waits at its prompt" wait_for "^:$"
check "pager: the tool waits for the pager" [ "$(grep -c __EXIT_ "$work/pane" || true)" = 0 ]
screen > "$work/visible"
check "pager: lines wrapped to the terminal's width" [ "$(python3 -c '
import sys
print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$work/visible")" -le 100 ]
check "pager: hanging indent under the passage number" grep -Eq '^ {9}[[:alpha:]]' "$work/visible"
screen -e > "$work/escapes"
check "pager: context passages dimmed" grep -q $'\x1b\\[2m' "$work/escapes"
check "pager: query words highlighted" grep -q $'\x1b\\[1m\x1b\\[31m\\|\x1b\\[1;31m' "$work/escapes"
tmux_ send-keys -t t q
check "pager: quitting less ends the command, exit 0" wait_for "__EXIT_0__"

start "'$DOSSIER_QUERY' --db '$db' -n 1 Pyongyang"
check "short output: printed, no pager" wait_for "__EXIT_0__"
check "short output: the hit is there" grep -q "PYONGYANG LAUNCH" "$work/pane"

start "'$DOSSIER_QUERY' --db '$db' -C 1 -n 10 --match any missiles launches --no-pager"
check "--no-pager: long output printed straight" wait_for "__EXIT_0__"

# --- the interactive session ------------------------------------------------------------------
all=$(total missiles)
prk=$(total missiles --actor PRK)
prk_2025=$(total missiles --actor PRK --from 2025)
check "fixture: each filter narrows" [ "$all" -gt "$prk" ] && [ "$prk" -gt "$prk_2025" ]

start "'$DOSSIER_QUERY' --db '$db' -n 3 -i"
check "session: prompt" wait_for "^dossier> ?$"
tmux_ send-keys -t t "missiles" Enter
check "session: a line is a query" wait_for "^$all matches"
tmux_ send-keys -t t ":actor PRK" Enter
check "session: :actor narrows the last query" wait_for "^$prk match(es)?"
check "session: the prompt shows the actor" wait_for "^dossier \[PRK\]> ?$"
tmux_ send-keys -t t ":from 2025" Enter
check "session: :from narrows again" wait_for "^$prk_2025 match(es)?"
check "session: the prompt shows the dates" wait_for "^dossier \[PRK 2025\.\.\]> ?$"
tmux_ send-keys -t t ":act" Tab
check "session: Tab completes a command" wait_for "^dossier \[PRK 2025\.\.\]> :actor ?$"
tmux_ send-keys -t t C-c
check "session: Ctrl-C leaves the line, not the session" wait_for "> :actor \^C$"
check "session: a fresh prompt after Ctrl-C" [ "$(last_line)" = "dossier [PRK 2025..]>" ]
tmux_ send-keys -t t Up
check "session: Up recalls the last line" wait_for "^dossier \[PRK 2025\.\.\]> :from 2025$"
tmux_ send-keys -t t C-u ":show 2024-05-02-border-drills.txt#3" Enter
check "session: :show prints the article" wait_for "▶ ¶3  Seoul answered"
tmux_ send-keys -t t ":quit" Enter
check "session: :quit ends it, exit 0" wait_for "__EXIT_0__"
check "history: kept in the history file" \
    [ "$(grep -c -x -e missiles -e ':actor PRK' -e ':from 2025' "$work/history")" = 3 ]

start "'$DOSSIER_QUERY' --db '$db' -i"
check "history: a new session" wait_for "^dossier> ?$"
tmux_ send-keys -t t Up
check "history: the last session's lines come back" wait_for "^dossier> :quit$"
tmux_ send-keys -t t C-u C-d
check "session: Ctrl-D ends it, exit 0" wait_for "__EXIT_0__"
finish

// The interactive loop of `dossier-query -i`: GNU readline (line editing, history kept between
// sessions, Tab completion) when stdin is a terminal, plain lines otherwise. Thin on purpose: what
// a line means is interactive.hpp's job, searching and printing the caller's.
#pragma once

#include <functional>
#include <string>

#include "interactive.hpp"

namespace dossier::interactive {

struct Handlers {
    std::function<void(const Session&)> search;  // run session.query with session.current
    std::function<void(const std::string& id, const Session&)> show;
};

/// Where the history is kept: $DOSSIER_HISTORY, else $XDG_STATE_HOME/dossier/history, else
/// ~/.local/state/dossier/history.
std::string history_path();

/// Runs the session until :quit or end of input (Ctrl-D). Ctrl-C clears the line being typed.
/// Returns the exit code (0).
int run_repl(Session& session, const Gazetteer* gazetteer, const Handlers& handlers);

}  // namespace dossier::interactive

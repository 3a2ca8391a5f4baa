// The exit codes both tools return, in one place (DESIGN.md: "Exit").
#pragma once

namespace dossier {

enum class ExitCode : int {
    ok = 0,       // index: done; query: at least one hit
    failure = 1,  // index: errors under --strict or fatal; query: no hits; eval: regression
    usage = 2,    // bad flag, bad query, missing database
};

inline int to_int(ExitCode c) {
    return static_cast<int>(c);
}

}  // namespace dossier

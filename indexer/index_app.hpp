// dossier-index as a library: flag parsing and the build/stats/check/actors commands. main.cpp
// only calls run(); tests call it in-process.
#pragma once

namespace dossier::index_app {

/// Runs the command line; returns the process exit code (dossier/exit_code.hpp).
int run(int argc, char** argv);

}  // namespace dossier::index_app

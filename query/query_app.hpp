// dossier-query as a library: flag parsing, search, eval. main.cpp only calls run(); tests call
// it in-process.
#pragma once

namespace dossier::query_app {

/// Runs the command line; returns the process exit code (dossier/exit_code.hpp).
int run(int argc, char** argv);

}  // namespace dossier::query_app

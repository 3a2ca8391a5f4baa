// What the tools need to know about their terminal, and writing to stdout safely.
#pragma once

#include <cstddef>
#include <string_view>

namespace dossier::terminal {

bool stdout_is_tty();
bool stderr_is_tty();
/// Columns of the terminal on stdout ($COLUMNS, then the tty), 100 when unknown.
std::size_t width();
/// "auto" | "always" | "never", honouring NO_COLOR for "auto".
bool use_color(std::string_view mode);

/// Writes to stdout; returns false once the reader has gone away (`| head`), so the caller can
/// stop quietly instead of dying on SIGPIPE.
bool write_stdout(std::string_view text);

/// Makes a closed pipe an error return instead of a signal. Call once at start.
void ignore_sigpipe();

}  // namespace dossier::terminal

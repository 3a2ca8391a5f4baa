// What the tools need to know about their terminal: its size, colour, wrapping text to it, a
// pager for long output (as git does) and writing to stdout safely.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dossier::terminal {

bool stdout_is_tty();
bool stderr_is_tty();
bool stdin_is_tty();
/// Columns of the terminal on stdout ($COLUMNS, then the tty), 100 when unknown.
std::size_t width();
/// Rows of the terminal on stdout ($LINES, then the tty), 24 when unknown.
std::size_t height();
/// "auto" | "always" | "never", honouring NO_COLOR for "auto".
bool use_color(std::string_view mode);

/// Columns `text` takes on a terminal: ANSI escape sequences take none, East Asian wide
/// characters two, combining marks none, every other code point one.
std::size_t display_width(std::string_view text);

/// Lines `text` fills on a terminal `width` columns wide (long lines wrap).
std::size_t screen_lines(std::string_view text, std::size_t width);

/**
 * Word-wraps one paragraph (spaces between words, no newlines) to `width` columns. The first
 * line starts with `first_prefix`, the others with `rest_prefix` (a hanging indent when they
 * differ in width). A colour (SGR escape) open at a line break is closed at the end of the line
 * and opened again after the next prefix, so every line is self-contained for a pager. A word
 * longer than a line is left whole. Returns the lines joined by '\n', with no final newline.
 */
std::string wrap(std::string_view text, std::size_t width, std::string_view first_prefix,
                 std::string_view rest_prefix);

/// The pager to use: $DOSSIER_PAGER, else $PAGER, else "less -R"; "" when it is set to "" or
/// "cat" or its program is not on PATH (output then goes straight to stdout).
std::string pager_command();

/**
 * Prints `text` on stdout, through the pager when `allow_pager` is set, stdout is a terminal
 * and `text` is longer than the screen. Sets LESS=FRX when LESS is unset, as git does, so less
 * keeps colours and leaves the text on the screen. Returns false once the reader has gone away
 * (`| head`, or the pager quit early): the caller stops quietly, with its usual exit code.
 */
bool page(std::string_view text, bool allow_pager);

/// Writes to stdout; returns false once the reader has gone away (`| head`), so the caller can
/// stop quietly instead of dying on SIGPIPE.
bool write_stdout(std::string_view text);

/// Makes a closed pipe an error return instead of a signal. Call once at start.
void ignore_sigpipe();

}  // namespace dossier::terminal

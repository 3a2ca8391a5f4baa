#include "dossier/terminal.hpp"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <xapian.h>

namespace dossier::terminal {
namespace {

constexpr std::string_view reset = "\x1b[0m";

// Length of the escape sequence at `pos` ("\x1b[...X"), 0 when there is none.
std::size_t escape_length(std::string_view text, std::size_t pos) {
    if (pos + 1 >= text.size() || text[pos] != '\x1b' || text[pos + 1] != '[') return 0;
    for (std::size_t i = pos + 2; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x40 && c <= 0x7e) return i - pos + 1;
    }
    return text.size() - pos;
}

bool is_wide(unsigned ch) {
    return (ch >= 0x1100 && ch <= 0x115f) || (ch >= 0x2e80 && ch <= 0xa4cf && ch != 0x303f) ||
           (ch >= 0xac00 && ch <= 0xd7a3) || (ch >= 0xf900 && ch <= 0xfaff) ||
           (ch >= 0xfe30 && ch <= 0xfe4f) || (ch >= 0xff00 && ch <= 0xff60) ||
           (ch >= 0xffe0 && ch <= 0xffe6) || (ch >= 0x1f300 && ch <= 0x1f64f) ||
           (ch >= 0x1f900 && ch <= 0x1f9ff) || (ch >= 0x20000 && ch <= 0x3fffd);
}

std::size_t char_width(unsigned ch) {
    switch (Xapian::Unicode::get_category(ch)) {
        case Xapian::Unicode::NON_SPACING_MARK:
        case Xapian::Unicode::ENCLOSING_MARK:
        case Xapian::Unicode::FORMAT:
        case Xapian::Unicode::CONTROL:
            return 0;
        default:
            return is_wide(ch) ? 2 : 1;
    }
}

// Updates the colour open at the end of `word`: an SGR reset closes everything.
void track_sgr(std::string_view word, std::string& active) {
    for (std::size_t i = 0; i < word.size();) {
        std::size_t n = escape_length(word, i);
        if (n == 0) {
            ++i;
            continue;
        }
        std::string_view seq = word.substr(i, n);
        if (seq.back() == 'm') {
            if (seq == "\x1b[0m" || seq == "\x1b[m") {
                active.clear();
            } else {
                active += seq;
            }
        }
        i += n;
    }
}

// The program a pager command runs, found on PATH as the shell would.
bool program_exists(const std::string& command) {
    std::size_t begin = command.find_first_not_of(" \t");
    if (begin == std::string::npos) return false;
    std::size_t end = command.find_first_of(" \t", begin);
    std::string program = command.substr(begin, end == std::string::npos ? end : end - begin);
    if (program.find('/') != std::string::npos) return ::access(program.c_str(), X_OK) == 0;
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    std::size_t pos = 0;
    while (pos <= dirs.size()) {
        std::size_t colon = dirs.find(':', pos);
        if (colon == std::string::npos) colon = dirs.size();
        std::string dir = dirs.substr(pos, colon - pos);
        if (dir.empty()) dir = ".";
        if (::access((dir + "/" + program).c_str(), X_OK) == 0) return true;
        pos = colon + 1;
    }
    return false;
}

// Writes all of `text` to `fd`; false when the reader is gone (EPIPE) or the write fails.
bool write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        text.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

}  // namespace

bool stdout_is_tty() {
    return ::isatty(STDOUT_FILENO) == 1;
}
bool stderr_is_tty() {
    return ::isatty(STDERR_FILENO) == 1;
}
bool stdin_is_tty() {
    return ::isatty(STDIN_FILENO) == 1;
}

std::size_t width() {
    if (const char* columns = std::getenv("COLUMNS")) {
        long n = std::strtol(columns, nullptr, 10);
        if (n >= 20 && n <= 1000) return static_cast<std::size_t>(n);
    }
    winsize ws{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
    return 100;
}

std::size_t height() {
    if (const char* lines = std::getenv("LINES")) {
        long n = std::strtol(lines, nullptr, 10);
        if (n >= 2 && n <= 10000) return static_cast<std::size_t>(n);
    }
    winsize ws{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row >= 2) return ws.ws_row;
    return 24;
}

bool use_color(std::string_view mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    return stdout_is_tty();
}

std::size_t display_width(std::string_view text) {
    std::size_t columns = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        if (std::size_t n = escape_length(text, i)) {
            i += n;
            continue;
        }
        std::size_t next = text.find('\x1b', i + 1);
        if (next == std::string_view::npos) next = text.size();
        Xapian::Utf8Iterator it(text.data() + i, next - i), end;
        for (; it != end; ++it) columns += char_width(*it);
        i = next;
    }
    return columns;
}

std::size_t screen_lines(std::string_view text, std::size_t width) {
    if (width == 0) width = 1;
    std::size_t lines = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        std::size_t w = display_width(text.substr(pos, nl - pos));
        lines += w == 0 ? 1 : (w + width - 1) / width;
        pos = nl + 1;
    }
    return lines;
}

std::string wrap(std::string_view text, std::size_t width, std::string_view first_prefix,
                 std::string_view rest_prefix) {
    std::string out(first_prefix);
    std::size_t column = display_width(first_prefix);
    const std::size_t rest_width = display_width(rest_prefix);
    bool line_has_word = false;
    std::string active;  // colour open at this point of the text
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (text[pos] == ' ') {
            ++pos;
            continue;
        }
        std::size_t end = text.find(' ', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view word = text.substr(pos, end - pos);
        pos = end;
        const std::size_t w = display_width(word);
        if (line_has_word && column + 1 + w > width) {
            if (!active.empty()) out += reset;
            out += '\n';
            out += rest_prefix;
            out += active;
            column = rest_width;
            line_has_word = false;
        }
        if (line_has_word) {
            out += ' ';
            ++column;
        }
        out += word;
        column += w;
        line_has_word = true;
        track_sgr(word, active);
    }
    return out;
}

std::string pager_command() {
    const char* chosen = std::getenv("DOSSIER_PAGER");
    if (!chosen) chosen = std::getenv("PAGER");
    std::string command = chosen ? chosen : "less -R";
    std::size_t begin = command.find_first_not_of(" \t");
    if (begin == std::string::npos) return {};
    command = command.substr(begin);
    if (command == "cat" || !program_exists(command)) return {};
    return command;
}

bool page(std::string_view text, bool allow_pager) {
    if (!allow_pager || !stdout_is_tty()) return write_stdout(text);
    // Leave a line for the shell prompt: what fits stays on the screen, as with less -F.
    if (screen_lines(text, width()) < height()) return write_stdout(text);
    const std::string command = pager_command();
    if (command.empty()) return write_stdout(text);

    std::fflush(stdout);
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return write_stdout(text);
    pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return write_stdout(text);
    }
    if (pid == 0) {
        ::dup2(fds[0], STDIN_FILENO);
        std::signal(SIGPIPE, SIG_DFL);
        // git's defaults: raw colours, quit at the end of a short text, keep the screen.
        ::setenv("LESS", "FRX", 0);
        ::setenv("LV", "-c", 0);
        ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(fds[0]);
    // Ctrl-C belongs to the pager while it runs: we wait for it instead of leaving it orphaned
    // on the terminal.
    struct sigaction ignore {
    }, old_int{}, old_quit{};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGINT, &ignore, &old_int);
    ::sigaction(SIGQUIT, &ignore, &old_quit);
    bool complete = write_all(fds[1], text);
    ::close(fds[1]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    ::sigaction(SIGINT, &old_int, nullptr);
    ::sigaction(SIGQUIT, &old_quit, nullptr);
    return complete;
}

bool write_stdout(std::string_view text) {
    if (text.empty()) return true;
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) return false;
    return std::fflush(stdout) == 0;
}

void ignore_sigpipe() {
    std::signal(SIGPIPE, SIG_IGN);
}

}  // namespace dossier::terminal

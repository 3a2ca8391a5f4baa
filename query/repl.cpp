#include "repl.hpp"

#include <dlfcn.h>
#include <sys/select.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <type_traits>
#include <vector>

// readline.h uses FILE without including stdio.h itself.
#include <readline/history.h>
#include <readline/readline.h>

#include <fmt/format.h>

#include "dossier/terminal.hpp"
#include "dossier/text.hpp"

namespace dossier::interactive {
namespace {

constexpr int history_lines = 1000;

volatile std::sig_atomic_t interrupted = 0;
void on_sigint(int) {
    interrupted = 1;
}

// GNU readline is loaded when a session starts, not linked: a one-query process does not pay for
// loading it and the terminal library it pulls in (0.18 ms of CPU each; docs/performance.md).
// The declarations come from readline's headers, so the types are readline's own.
struct Readline {
    decltype(&::rl_callback_handler_install) callback_handler_install = nullptr;
    decltype(&::rl_callback_handler_remove) callback_handler_remove = nullptr;
    decltype(&::rl_callback_read_char) callback_read_char = nullptr;
    decltype(&::rl_completion_matches) completion_matches = nullptr;
    decltype(&::rl_replace_line) replace_line = nullptr;
    decltype(&::rl_on_new_line) on_new_line = nullptr;
    decltype(&::rl_redisplay) redisplay = nullptr;
    decltype(&::add_history) add_history = nullptr;
    decltype(&::append_history) append_history = nullptr;
    decltype(&::read_history) read_history = nullptr;
    decltype(&::history_truncate_file) history_truncate_file = nullptr;
    decltype(&::rl_attempted_completion_over) attempted_completion_over = nullptr;
    decltype(&::rl_attempted_completion_function) attempted_completion_function = nullptr;
    decltype(&::rl_line_buffer) line_buffer = nullptr;
    decltype(&::rl_readline_name) readline_name = nullptr;
    decltype(&::rl_outstream) outstream = nullptr;
    decltype(&::rl_catch_signals) catch_signals = nullptr;

    // Empty when every symbol was found, else why not. The library stays loaded until exit.
    std::string load() {
        void* lib = ::dlopen(DOSSIER_READLINE_LIBRARY, RTLD_NOW | RTLD_LOCAL);
        if (lib == nullptr) return ::dlerror();
        std::string missing;
        auto bind = [&](auto& target, const char* name) {
            void* symbol = ::dlsym(lib, name);
            if (symbol == nullptr) missing += (missing.empty() ? "" : ", ") + std::string(name);
            target = reinterpret_cast<std::remove_reference_t<decltype(target)>>(symbol);
        };
        bind(callback_handler_install, "rl_callback_handler_install");
        bind(callback_handler_remove, "rl_callback_handler_remove");
        bind(callback_read_char, "rl_callback_read_char");
        bind(completion_matches, "rl_completion_matches");
        bind(replace_line, "rl_replace_line");
        bind(on_new_line, "rl_on_new_line");
        bind(redisplay, "rl_redisplay");
        bind(add_history, "add_history");
        bind(append_history, "append_history");
        bind(read_history, "read_history");
        bind(history_truncate_file, "history_truncate_file");
        bind(attempted_completion_over, "rl_attempted_completion_over");
        bind(attempted_completion_function, "rl_attempted_completion_function");
        bind(line_buffer, "rl_line_buffer");
        bind(readline_name, "rl_readline_name");
        bind(outstream, "rl_outstream");
        bind(catch_signals, "rl_catch_signals");
        return missing.empty() ? std::string() : DOSSIER_READLINE_LIBRARY " lacks " + missing;
    }
};

// readline calls plain C functions: the running loop's state lives here.
struct Loop {
    Readline rl;
    Session* session = nullptr;
    const Gazetteer* gazetteer = nullptr;
    const Handlers* handlers = nullptr;
    std::string history;
    bool done = false;
    bool line_taken = false;  // a line arrived: reinstall the handler with a fresh prompt
    std::vector<std::string> matches;
    std::size_t next_match = 0;
};
Loop* loop = nullptr;

char* next_completion(const char* /*text*/, int state) {
    if (state == 0) loop->next_match = 0;
    if (loop->next_match >= loop->matches.size()) return nullptr;
    return ::strdup(loop->matches[loop->next_match++].c_str());
}

char** complete(const char* text, int start, int /*end*/) {
    const Readline& rl = loop->rl;
    *rl.attempted_completion_over = 1;  // never fall back to file names
    loop->matches = completions(std::string_view(*rl.line_buffer, static_cast<std::size_t>(start)),
                                text, loop->gazetteer);
    if (loop->matches.empty()) return nullptr;
    return rl.completion_matches(text, next_completion);
}

// Runs one line; false when the session is over.
bool handle(const std::string& line, Session& session, const Gazetteer* gazetteer,
            const Handlers& handlers) {
    Outcome o = apply_line(line, session, gazetteer);
    if (!o.message.empty()) {
        if (o.error) {
            fmt::print(stderr, "dossier-query: {}\n", o.message);
        } else {
            fmt::print(stderr, "{}\n", o.message);
        }
    }
    try {
        switch (o.action) {
            case Action::quit:
                return false;
            case Action::help:
                terminal::page(help_text(), true);
                break;
            case Action::search:
                handlers.search(session);
                break;
            case Action::show:
                handlers.show(o.argument, session);
                break;
            case Action::none:
                break;
        }
    } catch (const std::exception& e) {
        fmt::print(stderr, "dossier-query: {}\n", e.what());
    }
    std::fflush(stdout);
    return true;
}

void on_line(char* raw) {
    // The terminal goes back to normal while we search and page.
    loop->rl.callback_handler_remove();
    loop->line_taken = true;
    if (raw == nullptr) {  // Ctrl-D
        std::fputs("\n", stdout);
        loop->done = true;
        return;
    }
    std::string line(raw);
    std::free(raw);
    if (!text::trim(line).empty()) {
        loop->rl.add_history(line.c_str());
        loop->rl.append_history(1, loop->history.c_str());
    }
    if (!handle(line, *loop->session, loop->gazetteer, *loop->handlers)) loop->done = true;
}

int run_plain(Session& session, const Gazetteer* gazetteer, const Handlers& handlers) {
    std::string line;
    while (std::getline(std::cin, line)) {
        if (!handle(line, session, gazetteer, handlers)) break;
    }
    return 0;
}

}  // namespace

std::string history_path() {
    if (const char* p = std::getenv("DOSSIER_HISTORY"); p && *p) return p;
    std::filesystem::path base;
    if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state) {
        base = state;
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        base = std::filesystem::path(home) / ".local" / "state";
    } else {
        return {};
    }
    return (base / "dossier" / "history").string();
}

int run_repl(Session& session, const Gazetteer* gazetteer, const Handlers& handlers) {
    if (!session.query.empty()) {
        session.searched = true;
        try {
            handlers.search(session);
        } catch (const std::exception& e) {
            fmt::print(stderr, "dossier-query: {}\n", e.what());
        }
    }
    if (!terminal::stdin_is_tty()) return run_plain(session, gazetteer, handlers);

    Loop state;
    if (const std::string why = state.rl.load(); !why.empty()) {
        fmt::print(stderr,
                   "dossier-query: no line editing or history (GNU readline did not load: {})\n",
                   why);
        return run_plain(session, gazetteer, handlers);
    }
    const Readline& rl = state.rl;
    state.session = &session;
    state.gazetteer = gazetteer;
    state.handlers = &handlers;
    state.history = history_path();
    loop = &state;

    if (!state.history.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(std::filesystem::path(state.history).parent_path(), ec);
        if (!std::filesystem::exists(state.history, ec)) {
            if (std::FILE* f = std::fopen(state.history.c_str(), "a")) std::fclose(f);
        }
        rl.read_history(state.history.c_str());
    }
    fmt::print(stderr,
               "Dossier interactive search: type a query, :help for commands, :quit to "
               "leave.\n");

    *rl.readline_name = "dossier";
    if (!terminal::stdout_is_tty()) *rl.outstream = stderr;  // `-i > hits.txt`: prompts visible
    *rl.catch_signals = 0;  // Ctrl-C is ours: it clears the line instead of ending the session
    *rl.attempted_completion_function = complete;
    struct sigaction action {
    }, previous{};
    action.sa_handler = on_sigint;  // no SA_RESTART: select() returns at once
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, &previous);

    std::string prompt_text = prompt(session);
    rl.callback_handler_install(prompt_text.c_str(), on_line);
    while (!state.done) {
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(STDIN_FILENO, &fds);
        int ready = ::select(STDIN_FILENO + 1, &fds, nullptr, nullptr, nullptr);
        if (ready < 0) {
            if (errno != EINTR) break;
            if (interrupted) {
                interrupted = 0;
                std::fputs("^C\n", stdout);
                rl.replace_line("", 0);
                rl.on_new_line();
                rl.redisplay();
            }
            continue;
        }
        rl.callback_read_char();
        if (state.line_taken && !state.done) {
            state.line_taken = false;
            interrupted = 0;  // a Ctrl-C while searching is not meant for the next line
            prompt_text = prompt(session);
            rl.callback_handler_install(prompt_text.c_str(), on_line);
        }
    }
    if (!state.done) rl.callback_handler_remove();
    ::sigaction(SIGINT, &previous, nullptr);
    if (!state.history.empty()) rl.history_truncate_file(state.history.c_str(), history_lines);
    loop = nullptr;
    return 0;
}

}  // namespace dossier::interactive

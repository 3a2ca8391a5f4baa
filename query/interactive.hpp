// The interactive session (`dossier-query -i`): each line is a query, or a `:command` that
// changes the session's settings (filters, page size, format...). Everything here is pure: the
// readline loop (repl.hpp) only reads lines and prints, so the session logic is unit-tested.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dossier/actors.hpp"
#include "dossier/searcher.hpp"

namespace dossier::interactive {

/// What a `:command` can change: the search request (without its query) and how it is shown.
struct Settings {
    SearchRequest request;  // filters, -n, sort, facets, context, explain; `query` unused
    std::string format = "text";
    std::string timeline;  // "", "year" or "month"
    bool cite = false;
};

struct Session {
    Settings initial;  // from the command line; `:reset` goes back to it
    Settings current;
    std::string query;      // the last query typed
    bool searched = false;  // a query ran: a changed setting runs it again
};

Session start(const Settings& from_flags, std::string first_query = {});

enum class Action {
    none,    // print the message, if any
    search,  // run session.query with session.current
    show,    // show the article or passage `argument`
    help,    // print help_text()
    quit,
};

struct Outcome {
    Action action = Action::none;
    std::string message;  // a confirmation, or the reason the line was refused
    bool error = false;
    std::string argument;
};

/**
 * Applies one line to `session`. A line starting with ':' is a command; an empty line does
 * nothing; any other line becomes the query and is searched. A command that changes the search
 * asks to search again when a query already ran, so filters narrow what is on the screen.
 * `gazetteer` (may be null) turns actor names into ids, so typos are refused at once.
 */
Outcome apply_line(std::string_view line, Session& session, const Gazetteer* gazetteer);

/// "dossier> ", or "dossier [KOR 2020.. quotes]> " with the filters that are on.
std::string prompt(const Session& session);

/// The settings now in force, one per line (`:settings`).
std::string describe(const Settings& settings);

/// The commands, one line each (`:help`).
std::string help_text();

/// Candidates for the word being typed: command names after ':', actor ids after `:actor `,
/// the valid values after `:format`, `:sort`, `:facets`, `:timeline`, `:match`.
std::vector<std::string> completions(std::string_view line_before_word, std::string_view word,
                                     const Gazetteer* gazetteer);

}  // namespace dossier::interactive

#include "interactive.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "dossier/date.hpp"
#include "dossier/errors.hpp"
#include "dossier/facets.hpp"
#include "dossier/output.hpp"
#include "dossier/text.hpp"

namespace dossier::interactive {
namespace {

struct Command {
    std::string_view name;
    std::string_view usage;
    std::string_view help;
};

// One table: :help, completion and dispatch all read it.
constexpr Command commands[] = {
    {"from", ":from DATE", "earliest date (2019, 2019-03, 2019-03-05); ':from' alone clears"},
    {"to", ":to DATE", "latest date, same forms; ':to' alone clears"},
    {"actor", ":actor ID|NAME", "also require this actor (repeat for more); ':actor' clears"},
    {"speaker", ":speaker NAME", "only quotations by this speaker; ':speaker' clears"},
    {"quotes", ":quotes [on|off]", "only passages that carry a quotation (toggles)"},
    {"facets", ":facets actor,year", "count matches per actor, speaker, year, month, kind"},
    {"timeline", ":timeline year|month", "bar chart of matches per period; ':timeline' hides it"},
    {"n", ":n N", "passages per page (0: counts only)"},
    {"next", ":next", "the next page of the last query"},
    {"sort", ":sort relevance|newest|oldest", "order of results"},
    {"match", ":match all|any", "plain words all required, or any"},
    {"per-article", ":per-article N", "at most N passages per article (0: no limit)"},
    {"context", ":context N", "N passages before and after each hit (also :C N)"},
    {"explain", ":explain [on|off]", "each term's share of the score (toggles)"},
    {"cite", ":cite [on|off]", "citation lines instead of passages (toggles)"},
    {"format", ":format text|json|jsonl|csv|trec", "output format"},
    {"show", ":show ID", "the whole article of a passage id (or an article id)"},
    {"settings", ":settings", "the settings in force"},
    {"reset", ":reset", "back to the settings the session started with"},
    {"help", ":help", "this list"},
    {"quit", ":quit", "leave (also :q, :exit, Ctrl-D)"},
};

std::vector<std::string> split_words(std::string_view s) {
    std::vector<std::string> words;
    std::size_t pos = 0;
    while (pos < s.size()) {
        while (pos < s.size() && s[pos] == ' ') ++pos;
        std::size_t end = s.find(' ', pos);
        if (end == std::string_view::npos) end = s.size();
        if (end > pos) words.emplace_back(s.substr(pos, end - pos));
        pos = end;
    }
    return words;
}

// "on", "off", or "" for a toggle.
bool toggle(std::string_view argument, bool current) {
    if (argument == "on" || argument == "yes" || argument == "1") return true;
    if (argument == "off" || argument == "no" || argument == "0") return false;
    if (argument.empty()) return !current;
    throw UsageError(fmt::format("expected on or off, not '{}'", argument));
}

unsigned number(std::string_view argument, std::string_view command, unsigned max) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(argument.data(), argument.data() + argument.size(), value);
    if (argument.empty() || ec != std::errc() || end != argument.data() + argument.size() ||
        value > max) {
        throw UsageError(fmt::format(":{} needs a number from 0 to {}", command, max));
    }
    return value;
}

std::string one_of(std::string_view argument, std::string_view command,
                   std::initializer_list<std::string_view> choices) {
    for (auto c : choices) {
        if (argument == c) return std::string(c);
    }
    std::string valid;
    for (auto c : choices) valid += (valid.empty() ? "" : ", ") + std::string(c);
    throw UsageError(fmt::format(":{}: '{}' is not one of {}", command, argument, valid));
}

std::string on_off(bool on) {
    return on ? "on" : "off";
}

}  // namespace

Session start(const Settings& from_flags, std::string first_query) {
    Session s;
    s.initial = from_flags;
    s.initial.request.query.clear();
    s.current = s.initial;
    s.query = std::move(first_query);
    return s;
}

Outcome apply_line(std::string_view raw, Session& session, const Gazetteer* gazetteer) {
    std::string_view line = text::trim(raw);
    Outcome out;
    if (line.empty()) return out;
    if (line.front() != ':') {
        session.query = std::string(line);
        session.current.request.offset = 0;
        session.searched = true;
        out.action = Action::search;
        return out;
    }

    std::string_view rest = line.substr(1);
    std::size_t space = rest.find(' ');
    std::string name(rest.substr(0, space));
    std::string argument(space == std::string_view::npos ? "" : text::trim(rest.substr(space)));
    if (name == "C") name = "context";
    if (name == "q" || name == "exit") name = "quit";

    Settings next = session.current;  // applied only when the command is valid
    SearchRequest& r = next.request;
    try {
        if (name == "quit") {
            out.action = Action::quit;
            return out;
        } else if (name == "help" || name == "?") {
            out.action = Action::help;
            return out;
        } else if (name == "settings") {
            out.message = describe(session.current);
            return out;
        } else if (name == "show") {
            if (argument.empty()) throw UsageError(":show needs a passage or article id");
            out.action = Action::show;
            out.argument = argument;
            return out;
        } else if (name == "from" || name == "to") {
            if (!argument.empty() && name == "from") range_lower_key(argument);
            if (!argument.empty() && name == "to") range_upper_key(argument);
            (name == "from" ? r.from : r.to) = argument;
            out.message = fmt::format("{}: {}", name, argument.empty() ? "any" : argument);
        } else if (name == "actor") {
            if (argument.empty()) {
                r.actors.clear();
                out.message = "actor: any";
            } else {
                std::string id = resolve_actor(argument, gazetteer);
                if (std::find(r.actors.begin(), r.actors.end(), id) == r.actors.end()) {
                    r.actors.push_back(id);
                }
                std::string all;
                for (const auto& a : r.actors) all += (all.empty() ? "" : " and ") + a;
                out.message = "actor: " + all;
            }
        } else if (name == "speaker") {
            r.speaker = argument;
            out.message = "speaker: " + (argument.empty() ? std::string("any") : argument);
        } else if (name == "quotes") {
            r.quotes_only = toggle(argument, r.quotes_only);
            out.message = "quotes only: " + on_off(r.quotes_only);
        } else if (name == "facets") {
            std::vector<std::string> facets;
            for (auto& f : split_words(argument)) {
                std::size_t pos = 0;
                while (pos <= f.size()) {
                    std::size_t comma = f.find(',', pos);
                    if (comma == std::string::npos) comma = f.size();
                    if (comma > pos) facets.push_back(f.substr(pos, comma - pos));
                    pos = comma + 1;
                }
            }
            FacetCollector validate(facets, false);
            r.facets = facets;
            out.message = "facets: " + (argument.empty() ? std::string("none") : argument);
        } else if (name == "timeline") {
            next.timeline = argument.empty() ? "" : one_of(argument, name, {"year", "month"});
            out.message = "timeline: " + (next.timeline.empty() ? "off" : next.timeline);
        } else if (name == "n") {
            r.limit = number(argument, name, 100000);
            out.message = fmt::format("passages per page: {}", r.limit);
        } else if (name == "next") {
            if (!session.searched) throw UsageError(":next needs a query first");
            r.offset += r.limit;
            out.message = fmt::format("from passage {}", r.offset + 1);
        } else if (name == "sort") {
            std::string sort = one_of(argument, name, {"relevance", "newest", "oldest"});
            r.sort = sort == "newest"   ? SortOrder::newest
                     : sort == "oldest" ? SortOrder::oldest
                                        : SortOrder::relevance;
            out.message = "sort: " + sort;
        } else if (name == "match") {
            r.match_any = one_of(argument, name, {"all", "any"}) == "any";
            out.message = std::string("match: ") + (r.match_any ? "any" : "all");
        } else if (name == "per-article") {
            r.per_article = number(argument, name, 100000);
            out.message = fmt::format("per article: {}", r.per_article);
        } else if (name == "context") {
            r.context = number(argument, name, 100);
            out.message = fmt::format("context: {} passage{} each side", r.context,
                                      r.context == 1 ? "" : "s");
        } else if (name == "explain") {
            r.explain = toggle(argument, r.explain);
            out.message = "explain: " + on_off(r.explain);
        } else if (name == "cite") {
            next.cite = toggle(argument, next.cite);
            out.message = "cite: " + on_off(next.cite);
        } else if (name == "format") {
            parse_format(argument);
            next.format = argument;
            out.message = "format: " + argument;
        } else if (name == "reset") {
            next = session.initial;
            out.message = "settings reset";
        } else {
            throw UsageError(fmt::format("unknown command ':{}'; :help lists them", name));
        }
    } catch (const UsageError& e) {
        out.error = true;
        out.message = e.what();
        return out;
    }
    if (name != "next") next.request.offset = 0;  // a new search starts at its first page
    session.current = next;
    if (session.searched) out.action = Action::search;
    return out;
}

std::string prompt(const Session& session) {
    const SearchRequest& r = session.current.request;
    std::vector<std::string> parts;
    for (const auto& a : r.actors) parts.push_back(a);
    if (!r.from.empty() || !r.to.empty()) parts.push_back(r.from + ".." + r.to);
    if (!r.speaker.empty()) parts.push_back("speaker:" + r.speaker);
    if (r.quotes_only) parts.push_back("quotes");
    if (parts.empty()) return "dossier> ";
    std::string inside;
    for (const auto& p : parts) inside += (inside.empty() ? "" : " ") + p;
    return "dossier [" + inside + "]> ";
}

std::string describe(const Settings& s) {
    const SearchRequest& r = s.request;
    std::string actors;
    for (const auto& a : r.actors) actors += (actors.empty() ? "" : " ") + a;
    std::string facets;
    for (const auto& f : r.facets) facets += (facets.empty() ? "" : ",") + f;
    const char* sort = r.sort == SortOrder::newest   ? "newest"
                       : r.sort == SortOrder::oldest ? "oldest"
                                                     : "relevance";
    return fmt::format(
        "from: {}\nto: {}\nactor: {}\nspeaker: {}\nquotes only: {}\nmatch: {}\nn: {}\n"
        "sort: {}\nper article: {}\nfacets: {}\ntimeline: {}\ncontext: {}\nexplain: {}\n"
        "cite: {}\nformat: {}",
        r.from.empty() ? "any" : r.from, r.to.empty() ? "any" : r.to,
        actors.empty() ? "any" : actors, r.speaker.empty() ? "any" : r.speaker,
        on_off(r.quotes_only), r.match_any ? "any" : "all", r.limit, sort, r.per_article,
        facets.empty() ? "none" : facets, s.timeline.empty() ? "off" : s.timeline, r.context,
        on_off(r.explain), on_off(s.cite), s.format);
}

std::string help_text() {
    std::string out =
        "Type a query to search (Xapian syntax: words, \"phrases\", AND OR NOT, actor:KOR...).\n"
        "A changed setting runs the last query again. Commands:\n";
    for (const auto& c : commands) out += fmt::format("  {:<34} {}\n", c.usage, c.help);
    out += "Up/Down walk the history (kept between sessions), Tab completes commands and ids.\n";
    return out;
}

std::vector<std::string> completions(std::string_view before, std::string_view word,
                                     const Gazetteer* gazetteer) {
    std::vector<std::string> candidates;
    auto add_matching = [&](std::string_view c) {
        if (c.substr(0, std::min(c.size(), word.size())) == word && c.size() >= word.size()) {
            candidates.emplace_back(c);
        }
    };
    std::string_view b = text::trim(before);
    if (b.empty() && !word.empty() && word.front() == ':') {
        for (const auto& c : commands) {
            std::string full = ":" + std::string(c.name);
            add_matching(full);
        }
        return candidates;
    }
    if (b == ":actor" && gazetteer) {
        for (const Actor& a : gazetteer->actors()) add_matching(a.id);
    } else if (b == ":format") {
        for (auto f : {"text", "json", "jsonl", "csv", "trec"}) add_matching(f);
    } else if (b == ":sort") {
        for (auto f : {"relevance", "newest", "oldest"}) add_matching(f);
    } else if (b == ":timeline") {
        for (auto f : {"year", "month"}) add_matching(f);
    } else if (b == ":match") {
        for (auto f : {"all", "any"}) add_matching(f);
    } else if (b == ":facets") {
        for (const auto& f : facet_names()) add_matching(f);
    } else if (b == ":quotes" || b == ":explain" || b == ":cite") {
        for (auto f : {"on", "off"}) add_matching(f);
    }
    return candidates;
}

}  // namespace dossier::interactive

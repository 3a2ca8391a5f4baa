#include "query_app.hpp"

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "dossier/date.hpp"
#include "dossier/errors.hpp"
#include "dossier/exit_code.hpp"
#include "dossier/output.hpp"
#include "dossier/paths.hpp"
#include "dossier/searcher.hpp"
#include "dossier/terminal.hpp"
#include "dossier/text.hpp"

namespace dossier::query_app {
namespace {

constexpr std::string_view program = "dossier-query";

void error_line(std::string_view message) { fmt::print(stderr, "{}: {}\n", program, message); }

struct QueryFlags {  // raw flags, exactly as typed
    std::vector<std::string> words;
    std::vector<std::string> dbs;
    Xapian::doccount limit = 10;
    Xapian::doccount offset = 0;
    std::string from;
    std::string to;
    std::vector<std::string> actors;
    std::string speaker;
    bool quotes = false;
    Xapian::doccount per_article = 0;
    std::string sort = "relevance";
    std::string match = "all";
    std::vector<std::string> facets;
    std::string facet_unit = "passage";
    std::string timeline;
    std::string format = "text";
    std::string color = "auto";
    std::string batch;
    std::string run_id = "dossier";
};

void add_query_flags(CLI::App& app, QueryFlags& f) {
    app.add_option("query", f.words, "Query in Xapian syntax: words, \"phrases\", AND OR NOT, "
                                     "NEAR, wild*, actor:KOR, speaker:pentagon, year:1990..2000, "
                                     "date:2026-01-01..2026-01-31, title:word");
    app.add_option("--db", f.dbs, "Database folder or Xapian stub file; repeat to search several "
                                  "(default: $DOSSIER_DB or ~/.local/share/dossier/db)")
        ->allow_extra_args(false);
    app.add_option("-n,--limit", f.limit, "Passages to show")->check(CLI::Range(1u, 100000u));
    app.add_option("--offset", f.offset, "Skip the first K passages");
    app.add_option("--from", f.from, "Earliest date: 2019, 2019-03 or 2019-03-05");
    app.add_option("--to", f.to, "Latest date, same forms (a partial date covers its period)");
    app.add_option("--actor", f.actors, "Only passages naming this actor (id or name); repeatable")
        ->allow_extra_args(false);
    app.add_option("--speaker", f.speaker, "Only quotations said by this speaker (id or name)");
    app.add_flag("--quotes", f.quotes, "Only passages that carry a quotation");
    app.add_option("--per-article", f.per_article, "At most N passages per article (0 = no limit)");
    app.add_option("--sort", f.sort, "Order of results")
        ->check(CLI::IsMember({"relevance", "newest", "oldest"}));
    app.add_option("--match", f.match, "Plain words: all required, or any")
        ->check(CLI::IsMember({"all", "any"}));
    app.add_option("--facets", f.facets, "Count matches per actor, speaker, year, month, kind")
        ->delimiter(',');
    app.add_option("--facet-unit", f.facet_unit, "Count passages or distinct articles")
        ->check(CLI::IsMember({"passage", "article"}));
    app.add_option("--timeline", f.timeline, "Bar chart of matches per year or month")
        ->check(CLI::IsMember({"year", "month"}));
    app.add_option("--format", f.format, "Output format")
        ->check(CLI::IsMember({"text", "json", "jsonl", "csv", "trec"}));
    app.add_option("--color", f.color, "Colour highlights")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    app.add_option("--batch", f.batch, "Run every line of FILE as a query ('qid<TAB>query' or "
                                       "just the query)");
    app.add_option("--run-id", f.run_id, "Run id in TREC output");
}

SearchRequest make_request(const QueryFlags& f) {
    SearchRequest r;
    for (const auto& w : f.words) r.query += (r.query.empty() ? "" : " ") + w;
    r.match_any = f.match == "any";
    r.limit = f.limit;
    r.offset = f.offset;
    r.from = f.from;
    r.to = f.to;
    r.actors = f.actors;
    r.speaker = f.speaker;
    r.quotes_only = f.quotes;
    r.per_article = f.per_article;
    r.sort = f.sort == "newest" ? SortOrder::newest
             : f.sort == "oldest" ? SortOrder::oldest
                                  : SortOrder::relevance;
    r.facets = f.facets;
    r.facet_per_article = f.facet_unit == "article";
    if (!f.timeline.empty() &&
        std::find(r.facets.begin(), r.facets.end(), f.timeline) == r.facets.end()) {
        r.facets.push_back(f.timeline);
    }
    // Validate dates now, so a typo is a usage error before any database is opened.
    if (!r.from.empty()) range_lower_key(r.from);
    if (!r.to.empty()) range_upper_key(r.to);
    FacetSpy validate(r.facets, false);
    return r;
}

struct BatchQuery {
    std::string id;
    std::string text;
};

std::vector<BatchQuery> read_batch(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw UsageError(fmt::format("--batch: {}: cannot read the file", path));
    std::vector<BatchQuery> queries;
    std::string line;
    while (std::getline(in, line)) {
        std::string_view t = text::trim(line);
        if (t.empty() || t.front() == '#') continue;
        std::size_t tab = t.find('\t');
        if (tab == std::string_view::npos) {
            queries.push_back({std::to_string(queries.size() + 1), std::string(t)});
        } else {
            queries.push_back({std::string(text::trim(t.substr(0, tab))),
                               std::string(text::trim(t.substr(tab + 1)))});
        }
    }
    return queries;
}

int run_search(const QueryFlags& flags) {
    SearchRequest request = make_request(flags);
    std::vector<std::string> dbs = flags.dbs;
    if (dbs.empty()) dbs.push_back(default_database().string());
    Searcher searcher(dbs);

    RenderOptions render_options;
    render_options.format = parse_format(flags.format);
    render_options.color = render_options.format == OutputFormat::text && terminal::use_color(flags.color);
    render_options.width = terminal::width();
    render_options.timeline = flags.timeline;
    render_options.run_id = flags.run_id;
    render_options.gazetteer = searcher.gazetteer();

    std::vector<BatchQuery> queries;
    if (!flags.batch.empty()) {
        queries = read_batch(flags.batch);
    } else {
        if (request.query.empty() && request.actors.empty() && request.speaker.empty() &&
            !request.quotes_only && request.from.empty() && request.to.empty()) {
            throw UsageError("no query given; try: dossier-query \"north korea deterrence\"");
        }
        queries.push_back({"1", request.query});
    }

    bool any_hits = false;
    for (const auto& q : queries) {
        request.query = q.text;
        SearchResult result = searcher.search(request);
        if (result.fell_back_to_any) {
            error_line(fmt::format("no passage has all the words of '{}'; showing passages with "
                                   "any of them (--match any)",
                                   q.text));
        }
        any_hits = any_hits || !result.hits.empty();
        render_options.query_id = q.id;
        std::string out;
        if (queries.size() > 1 && render_options.format == OutputFormat::text) {
            out += fmt::format("== {}: {} ({} matches)\n", q.id, q.text, result.total);
        }
        out += render(result, render_options);
        if (!terminal::write_stdout(out)) return to_int(ExitCode::ok);  // reader went away
    }
    return to_int(any_hits ? ExitCode::ok : ExitCode::failure);
}

}  // namespace

int run(int argc, char** argv) {
    terminal::ignore_sigpipe();
    CLI::App app{"Search a Dossier database: ranked passages with dates, actors and speakers.\n\n"
                 "Examples:\n"
                 "  dossier-query \"South Korea primary responsibility\"\n"
                 "  dossier-query deterrence --actor PRK --from 2020 --facets actor,year\n"
                 "  dossier-query \"Korean War\" --sort oldest -n 3 --format jsonl\n",
                 std::string(program)};
    app.set_version_flag("--version", "dossier-query 0.1.0");
    QueryFlags flags;
    add_query_flags(app, flags);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        error_line(e.what());
        return to_int(ExitCode::usage);
    }

    try {
        return run_search(flags);
    } catch (const UsageError& e) {
        error_line(e.what());
    } catch (const DatabaseError& e) {
        error_line(e.what());
    } catch (const InputError& e) {
        error_line(e.what());
    } catch (const std::exception& e) {
        error_line(e.what());
    }
    return to_int(ExitCode::usage);
}

}  // namespace dossier::query_app

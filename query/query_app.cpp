#include "query_app.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "dossier/cli_help.hpp"
#include "dossier/context.hpp"
#include "dossier/date.hpp"
#include "dossier/errors.hpp"
#include "dossier/eval.hpp"
#include "dossier/exit_code.hpp"
#include "dossier/output.hpp"
#include "dossier/paths.hpp"
#include "dossier/searcher.hpp"
#include "dossier/terminal.hpp"
#include "dossier/text.hpp"
#include "interactive.hpp"
#include "repl.hpp"

namespace dossier::query_app {
namespace {

constexpr std::string_view program = "dossier-query";

void error_line(std::string_view message) {
    fmt::print(stderr, "{}: {}\n", program, message);
}

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
    bool allow_partial = false;
    std::string run_id = "dossier";
    unsigned context = 0;
    bool explain = false;
    bool no_spelling = false;
    bool no_pager = false;
    bool cite = false;
    bool interactive = false;
    bool expand = false;
};

// Group names double as --help headings; each group gets one example.
constexpr const char* group_search = "Searching";
constexpr const char* group_filter = "Filtering";
constexpr const char* group_count = "Counting";
constexpr const char* group_read = "Reading";
constexpr const char* group_cite = "Citing and exporting";
constexpr const char* group_db = "Database";
constexpr const char* group_other = "Other";

std::shared_ptr<GroupedHelp> query_help() {
    return std::make_shared<GroupedHelp>(std::map<std::string, std::string>{
        {group_search, "dossier-query \"Korean War\" --sort oldest -n 3"},
        {group_filter, "dossier-query deterrence --actor PRK --from 2020 --to 2024-06 --quotes"},
        {group_count, "dossier-query war --facets actor,year --timeline year -n 0"},
        {group_read, "dossier-query \"missile defence\" -C 1 --explain   (or: dossier-query -i)"},
        {group_cite, "dossier-query --queries topics.tsv --format csv > hits.csv"},
        {group_db, "dossier-query korea --db ~/dossier.db"},
    });
}

void add_query_flags(CLI::App& app, QueryFlags& f) {
    app.add_option("query", f.words,
                   "Query in Xapian syntax: words, \"phrases\", AND OR NOT, "
                   "NEAR, wild*, actor:KOR, speaker:pentagon, year:1990..2000, "
                   "date:2026-01-01..2026-01-31, title:word")
        ->group(group_search);
    app.add_option("-n,--limit", f.limit, "Passages to show (0: only counts, facets, timeline)")
        ->check(CLI::Range(0u, 100000u))
        ->group(group_search);
    app.add_option("--offset", f.offset, "Skip the first K passages")->group(group_search);
    app.add_option("--match", f.match, "Plain words: all required, or any")
        ->check(CLI::IsMember({"all", "any"}))
        ->group(group_search);
    app.add_option("--sort", f.sort, "Order of results")
        ->check(CLI::IsMember({"relevance", "newest", "oldest"}))
        ->group(group_search);
    app.add_option("--per-article", f.per_article, "At most N passages per article (0 = no limit)")
        ->group(group_search);
    app.add_flag("--expand", f.expand,
                 "Add related words found in the best results (pseudo-relevance feedback)")
        ->group(group_search);

    app.add_option("--from", f.from, "Earliest date: 2019, 2019-03 or 2019-03-05")
        ->group(group_filter);
    app.add_option("--to", f.to, "Latest date, same forms (a partial date covers its period)")
        ->group(group_filter);
    app.add_option("--actor", f.actors, "Only passages naming this actor (id or name); repeatable")
        ->allow_extra_args(false)
        ->group(group_filter);
    app.add_option("--speaker", f.speaker, "Only quotations said by this speaker (id or name)")
        ->group(group_filter);
    app.add_flag("--quotes", f.quotes, "Only passages that carry a quotation")->group(group_filter);

    app.add_option("--facets", f.facets, "Count matches per actor, speaker, year, month, kind")
        ->delimiter(',')
        ->allow_extra_args(false)
        ->group(group_count);
    app.add_option("--facet-unit", f.facet_unit, "Count passages or distinct articles")
        ->check(CLI::IsMember({"passage", "article"}))
        ->group(group_count);
    app.add_option("--timeline", f.timeline, "Bar chart of matches per year or month")
        ->check(CLI::IsMember({"year", "month"}))
        ->group(group_count);

    app.add_option("-C,--context", f.context,
                   "Show the N passages before and after each hit (same article, dimmed)")
        ->check(CLI::Range(0u, 100u))
        ->group(group_read);
    app.add_flag("--explain", f.explain,
                 "Show each term's share of the score (JSON: an 'explain' key)")
        ->group(group_read);
    app.add_flag("--no-spelling", f.no_spelling,
                 "No \"did you mean\" for words that are not in the corpus")
        ->group(group_read);
    app.add_flag("--no-pager", f.no_pager,
                 "Never page long text output ($DOSSIER_PAGER, $PAGER or 'less -R' by default)")
        ->group(group_read);
    app.add_option("--color", f.color, "Colour highlights (auto: on a terminal, unless NO_COLOR)")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->group(group_read);
    app.add_flag("-i,--interactive", f.interactive,
                 "A prompt where each line is a query and :commands change filters (:help)")
        ->group(group_read);

    app.add_option("--format", f.format, "Output format")
        ->check(CLI::IsMember({"text", "json", "jsonl", "csv", "trec"}))
        ->group(group_cite);
    app.add_flag("--cite", f.cite,
                 "Text: one citation line per hit (speaker, title, date, URL, passage id)")
        ->group(group_cite);
    app.add_option("--batch,--queries", f.batch,
                   "Run every line of FILE as a query ('qid<TAB>query' or just the query); "
                   "JSONL/CSV rows carry the query_id")
        ->group(group_cite);
    app.add_option("--run-id", f.run_id, "Run id in TREC output")->group(group_cite);

    app.add_option("--db", f.dbs,
                   "Database folder or Xapian stub file; repeat to search several "
                   "(default: $DOSSIER_DB or ~/.local/share/dossier/db)")
        ->allow_extra_args(false)
        ->group(group_db);
    app.add_flag("--allow-partial", f.allow_partial,
                 "Search the shards that answer when one does not (a warning names it)")
        ->group(group_db);
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
    r.sort = f.sort == "newest"   ? SortOrder::newest
             : f.sort == "oldest" ? SortOrder::oldest
                                  : SortOrder::relevance;
    r.facets = f.facets;
    r.facet_per_article = f.facet_unit == "article";
    r.context = f.context;
    r.explain = f.explain;
    r.spelling = !f.no_spelling;
    r.expand = f.expand;
    if (!f.timeline.empty() &&
        std::find(r.facets.begin(), r.facets.end(), f.timeline) == r.facets.end()) {
        r.facets.push_back(f.timeline);
    }
    // Validate dates now, so a typo is a usage error before any database is opened.
    if (!r.from.empty()) range_lower_key(r.from);
    if (!r.to.empty()) range_upper_key(r.to);
    FacetCollector validate(r.facets, false);
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

std::vector<std::string> databases_of(const std::vector<std::string>& dbs) {
    if (!dbs.empty()) return dbs;
    return {default_database().string()};
}

// Diagnostics about one result, on stderr: the fallback to any word, and "did you mean" (which
// JSON carries in its "suggestion" key instead).
void report_notes(const SearchResult& result, OutputFormat format) {
    if (result.fell_back_to_any) {
        error_line(
            fmt::format("no passage has all the words of '{}'; showing passages with any "
                        "of them (--match any)",
                        result.query));
    }
    if (!result.corrections.empty() && format != OutputFormat::json) {
        std::string words;
        for (const auto& c : result.corrections)
            words += (words.empty() ? "'" : ", '") + c.word + "'";
        error_line(fmt::format("{} {} not in the corpus; did you mean \"{}\"?", words,
                               result.corrections.size() == 1 ? "is" : "are",
                               suggested_query(result)));
    }
}

RenderOptions render_options_for(const std::string& format, const std::string& color,
                                 Searcher& searcher, bool with_names = true) {
    RenderOptions o;
    o.format = parse_format(format);
    const bool text = o.format == OutputFormat::text;
    o.color = text && terminal::use_color(color);
    // Wrapping is for people: on a pipe each passage stays on one line, for grep and friends.
    o.wrap = text && terminal::stdout_is_tty();
    o.width = terminal::width();
    // Speakers' names are stored with each passage; the actors' names (from the gazetteer stored
    // in the database) are only needed to label the values of facet tables.
    o.actor_names = with_names ? searcher.actor_names() : nullptr;
    return o;
}

// `dossier-query show ID`, and `:show ID` in a session: the whole article, the passage marked.
int show_article(Searcher& searcher, const std::string& id, RenderOptions options, bool pager) {
    std::optional<Hit> passage;
    std::vector<Hit> passages;
    try {
        Xapian::Database& db = searcher.database();
        passage = find_passage(db, id);
        passages = article_passages(db, passage ? passage->article_id : id);
    } catch (const Xapian::Error& e) {
        throw DatabaseError("database", e.get_msg());
    }
    if (passages.empty()) {
        error_line(
            fmt::format("no passage or article '{}' in the database (ids look like "
                        "'<article>#<paragraph>', as in the passage_id of a hit)",
                        id));
        return to_int(ExitCode::failure);
    }
    terminal::page(render_article(passages, passage ? id : "", options), pager);
    return to_int(ExitCode::ok);
}

int run_interactive(const QueryFlags& flags, const SearchRequest& request, Searcher& searcher) {
    interactive::Settings settings;
    settings.request = request;
    settings.format = flags.format;
    settings.timeline = flags.timeline;
    settings.cite = flags.cite;
    interactive::Session session = interactive::start(settings, request.query);
    const bool pager = !flags.no_pager;

    interactive::Handlers handlers;
    handlers.search = [&](const interactive::Session& s) {
        SearchRequest r = s.current.request;
        r.query = s.query;
        const std::string& timeline = s.current.timeline;
        if (!timeline.empty() &&
            std::find(r.facets.begin(), r.facets.end(), timeline) == r.facets.end()) {
            r.facets.push_back(timeline);
        }
        RenderOptions o = render_options_for(s.current.format, flags.color, searcher);
        o.cite = s.current.cite;
        o.timeline = timeline;
        o.context = r.context;
        SearchResult result = searcher.search(r);
        report_notes(result, o.format);
        std::string out = render(result, o);
        if (o.format == OutputFormat::text) {
            Xapian::doccount shown = static_cast<Xapian::doccount>(result.hits.size());
            const Xapian::doccount last = r.offset + shown;
            out += fmt::format("{} match{}", result.total, result.total == 1 ? "" : "es");
            if (shown > 0) out += fmt::format("; showing {}-{}", r.offset + 1, last);
            out += last < result.total ? " (:next for more)\n" : "\n";
        }
        terminal::page(out, pager);
    };
    handlers.show = [&](const std::string& id, const interactive::Session& s) {
        RenderOptions o =
            render_options_for(s.current.format == "text" ? "text" : "json", flags.color, searcher);
        show_article(searcher, id, o, pager);
    };
    return interactive::run_repl(session, searcher.gazetteer(), handlers);
}

int run_search(const QueryFlags& flags) {
    SearchRequest request = make_request(flags);
    Searcher searcher(databases_of(flags.dbs), flags.allow_partial);
    for (const auto& w : searcher.warnings()) error_line("warning: " + w);
    if (flags.interactive) return run_interactive(flags, request, searcher);

    RenderOptions render_options = render_options_for(
        flags.format, flags.color, searcher, !request.facets.empty() && flags.format == "text");
    render_options.timeline = flags.timeline;
    render_options.run_id = flags.run_id;
    render_options.cite = flags.cite;
    render_options.context = flags.context;

    std::vector<BatchQuery> queries;
    if (!flags.batch.empty()) {
        queries = read_batch(flags.batch);
    } else {
        if (request.query.empty() && request.actors.empty() && request.speaker.empty() &&
            !request.quotes_only && request.from.empty() && request.to.empty()) {
            throw UsageError(
                "no query given; try: dossier-query \"north korea deterrence\" "
                "(or dossier-query -i)");
        }
        queries.push_back({"1", request.query});
    }

    // Text for a person goes through the pager in one piece; anything else streams.
    const bool paged =
        render_options.format == OutputFormat::text && !flags.no_pager && terminal::stdout_is_tty();
    std::string pending;
    bool any_hits = false;
    for (std::size_t i = 0; i < queries.size(); ++i) {
        const BatchQuery& q = queries[i];
        request.query = q.text;
        SearchResult result = searcher.search(request);
        report_notes(result, render_options.format);
        any_hits = any_hits || result.total > 0 || !result.hits.empty();
        render_options.query_id = q.id;
        render_options.csv_header = i == 0;  // one CSV table for the whole batch
        std::string out;
        if (queries.size() > 1 && render_options.format == OutputFormat::text) {
            out += fmt::format("== {}: {} ({} matches)\n", q.id, q.text, result.total);
        }
        out += render(result, render_options);
        if (paged) {
            pending += out;
        } else if (!terminal::write_stdout(out)) {
            return to_int(ExitCode::ok);  // the reader went away (`| head`): stop quietly
        }
    }
    if (paged) terminal::page(pending, true);
    return to_int(any_hits ? ExitCode::ok : ExitCode::failure);
}

struct ShowFlags {
    std::string id;
    std::vector<std::string> dbs;
    std::string format = "text";
    std::string color = "auto";
    bool no_pager = false;
};

int show_main(int argc, char** argv) {
    CLI::App app{
        "Show a whole article from the database, its passages in order (headings "
        "included), with one passage marked.\n\n"
        "Examples:\n"
        "  dossier-query show 2025-03-14-quad-maritime.txt#4\n"
        "  dossier-query show 2025-03-14-quad-maritime.txt --format json\n",
        "dossier-query show"};
    app.formatter(query_help());
    ShowFlags f;
    app.add_option("id", f.id,
                   "A passage id ('<article>#<paragraph>', the passage_id of a hit) "
                   "or an article id")
        ->required();
    app.add_option("--db", f.dbs, "Database(s) (default: $DOSSIER_DB)")->allow_extra_args(false);
    app.add_option("--format", f.format, "Output format")->check(CLI::IsMember({"text", "json"}));
    app.add_option("--color", f.color, "Colour")->check(CLI::IsMember({"auto", "always", "never"}));
    app.add_flag("--no-pager", f.no_pager, "Never page the article");
    if (auto done = parse_command_line(app, program, [&] { app.parse(argc, argv); })) {
        return *done;
    }
    try {
        Searcher searcher(databases_of(f.dbs));
        return show_article(searcher, f.id, render_options_for(f.format, f.color, searcher),
                            !f.no_pager);
    } catch (const std::exception& e) {
        error_line(e.what());
    }
    return to_int(ExitCode::usage);
}

struct EvalFlags {
    std::string topics;
    std::string qrels;
    std::vector<std::string> dbs;
    std::string run_out;
    std::string score_run;
    std::string unit = "article";
    std::string baseline;
    std::string save_baseline;
    double tolerance = 0.0;
    std::string format = "text";
    Xapian::doccount depth = 1000;
    std::string snapshot;
    bool check = false;
    bool update = false;
    std::size_t snapshot_k = 10;
    bool complete = false;
    std::string run_id = "dossier";
    bool expand = false;
};

void add_eval_flags(CLI::App& app, EvalFlags& f) {
    app.add_option("--topics", f.topics, "Queries: TSV 'qid<TAB>query' or a TREC topic file");
    app.add_option("--qrels", f.qrels, "Judgments: TREC qrels 'qid 0 docno grade'");
    app.add_option("--db", f.dbs, "Database(s) to search (default: $DOSSIER_DB)")
        ->allow_extra_args(false);
    app.add_option("--run", f.run_out, "Write the TREC run file here");
    app.add_option("--score-run", f.score_run, "Score this existing run file (no database)");
    app.add_option("--unit", f.unit, "What a docno names: the article or the passage")
        ->check(CLI::IsMember({"article", "passage"}));
    app.add_option("--depth", f.depth, "Results per query in the run")
        ->check(CLI::Range(1u, 100000u));
    app.add_option("--baseline", f.baseline, "Saved eval JSON to compare with (exit 1 on a drop)");
    app.add_option("--save-baseline", f.save_baseline, "Save this eval's JSON as a baseline");
    app.add_option("--tolerance", f.tolerance, "Allowed drop of an overall metric")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--format", f.format, "Report format")->check(CLI::IsMember({"text", "json"}));
    app.add_flag("--complete,-c", f.complete,
                 "Judged queries missing from the run count as 0 (trec_eval -c)");
    app.add_option("--snapshot", f.snapshot, "Top-k snapshot file (for corpora without qrels)");
    app.add_flag("--check", f.check, "Compare with --snapshot; exit 1 when a top-k changed");
    app.add_flag("--update", f.update, "Accept the new top-k into --snapshot");
    app.add_option("--snapshot-k", f.snapshot_k, "Ids per query in a snapshot")
        ->check(CLI::Range(1, 1000));
    app.add_option("--run-id", f.run_id, "Run id written in the run file");
    app.add_flag("--expand", f.expand, "Pseudo-relevance feedback, as in dossier-query --expand");
}

// Runs every topic through the searcher and collects a TREC run. Evaluation matches any word,
// as retrieval experiments expect; with unit=article the best passage stands for its article.
eval::Run run_topics(const std::vector<eval::Topic>& topics, const EvalFlags& f) {
    std::vector<std::string> dbs = f.dbs;
    if (dbs.empty()) dbs.push_back(default_database().string());
    Searcher searcher(dbs);
    eval::Run run;
    run.run_id = f.run_id;
    for (const auto& topic : topics) {
        SearchRequest r;
        r.query = topic.query;
        r.match_any = true;
        r.plain_text = true;
        r.limit = f.depth;
        r.expand = f.expand;
        r.hit_details = false;  // ids and scores are all a run holds
        if (f.unit == "article") r.per_article = 1;
        auto& entries = run.queries[topic.id];
        for (const Hit& h : searcher.search(r).hits) {
            entries.push_back({f.unit == "article" ? h.article_id : h.passage_id, h.score});
        }
    }
    return run;
}

void write_text_file(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::trunc);
    if (!out || !(out << content)) throw UsageError(fmt::format("{}: cannot write the file", path));
}

int run_eval(const EvalFlags& f) {
    if (!f.score_run.empty() && !f.topics.empty()) {
        throw UsageError("--score-run scores an existing run: give --qrels, not --topics");
    }
    if (f.score_run.empty() && f.topics.empty()) {
        throw UsageError("eval needs --topics FILE (to run queries) or --score-run FILE");
    }
    if ((f.check || f.update) && f.snapshot.empty()) {
        throw UsageError("--check and --update need --snapshot FILE");
    }
    eval::Run run;
    if (!f.score_run.empty()) {
        run = eval::read_run(f.score_run);
    } else {
        run = run_topics(eval::read_topics(f.topics), f);
        if (!f.run_out.empty()) {
            std::ostringstream out;
            eval::write_run(out, run, f.run_id);
            write_text_file(f.run_out, out.str());
        }
    }

    int code = to_int(ExitCode::ok);
    std::string out;
    if (!f.snapshot.empty()) {
        eval::Snapshot now = eval::make_snapshot(run, f.snapshot_k);
        bool exists = std::filesystem::exists(f.snapshot);
        if (f.check) {
            if (!exists)
                throw UsageError(
                    fmt::format("--snapshot {}: no such file; record it "
                                "first with --update",
                                f.snapshot));
            auto diffs = eval::compare_snapshots(eval::read_snapshot(f.snapshot), now);
            bool changed =
                std::any_of(diffs.begin(), diffs.end(), [](const auto& d) { return d.changed(); });
            out += f.format == "json" ? eval::to_json(diffs).dump(2) + "\n"
                                      : eval::format_snapshot_diff(diffs);
            if (changed) code = to_int(ExitCode::failure);
        } else {
            write_text_file(f.snapshot, eval::snapshot_to_json(now).dump(2) + "\n");
            error_line(fmt::format("snapshot of {} queries written to {}", now.size(), f.snapshot));
        }
    }

    if (!f.qrels.empty()) {
        eval::EvalOptions options;
        options.missing = f.complete ? eval::MissingQueries::zero : eval::MissingQueries::skip;
        eval::Report report = eval::evaluate(eval::read_qrels(f.qrels), run, options);
        if (!f.save_baseline.empty()) {
            write_text_file(f.save_baseline, eval::to_json(report).dump(2) + "\n");
        }
        if (!f.baseline.empty()) {
            eval::Comparison c = eval::compare(eval::read_report(f.baseline), report, f.tolerance);
            out +=
                f.format == "json" ? eval::to_json(c).dump(2) + "\n" : eval::format_comparison(c);
            if (c.regressed()) code = to_int(ExitCode::failure);
        } else {
            out += f.format == "json" ? eval::to_json(report).dump(2) + "\n"
                                      : eval::format_text(report);
        }
    } else if (f.snapshot.empty() && f.run_out.empty()) {
        throw UsageError("eval needs --qrels FILE to score, or --snapshot/--run to record");
    }
    terminal::write_stdout(out);
    return code;
}

int eval_main(int argc, char** argv) {
    CLI::App app{
        "Evaluate ranking on judged queries (trec_eval's measures), compare with a "
        "baseline, or check top-k snapshots.\n\n"
        "Examples:\n"
        "  dossier-query eval --topics t.tsv --qrels q.txt --db cacm.db\n"
        "  dossier-query eval --topics t.tsv --qrels q.txt --baseline base.json\n"
        "  dossier-query eval --score-run run.txt --qrels q.txt --format json\n"
        "  dossier-query eval --topics t.tsv --snapshot top10.json --check\n",
        "dossier-query eval"};
    EvalFlags flags;
    add_eval_flags(app, flags);
    if (auto done = parse_command_line(app, program, [&] { app.parse(argc, argv); })) {
        return *done;
    }
    try {
        return run_eval(flags);
    } catch (const std::exception& e) {
        error_line(e.what());
    }
    return to_int(ExitCode::usage);
}

// Where "show" or "eval" stands as the first word that is not an option or an option's value
// (`dossier-query --db x show ID` works like `dossier-query show ID --db x`); 0 when none does.
int subcommand_position(int argc, char** argv) {
    CLI::App probe;
    QueryFlags ignored;
    add_query_flags(probe, ignored);
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--") return 0;
        if (arg.size() > 1 && arg.front() == '-') {
            if (arg.find('=') != std::string_view::npos) continue;
            const CLI::Option* opt = probe.get_option_no_throw(std::string(arg));
            // "-n5" carries its value; "-n 5" and "--db x" take the next word.
            bool takes_value =
                opt != nullptr && opt->get_type_size() > 0 && !(arg.size() > 2 && arg[1] != '-');
            if (takes_value) ++i;
            continue;
        }
        return arg == "show" || arg == "eval" ? i : 0;
    }
    return 0;
}

}  // namespace

int run(int argc, char** argv) {
    terminal::ignore_sigpipe();
    if (int at = subcommand_position(argc, argv); at > 0) {
        std::vector<char*> rest(argv, argv + argc);
        rest.erase(rest.begin() + at);
        const std::string_view name = argv[at];
        return name == "eval" ? eval_main(static_cast<int>(rest.size()), rest.data())
                              : show_main(static_cast<int>(rest.size()), rest.data());
    }
    CLI::App app{
        "Search a Dossier database: ranked passages with dates, actors and speakers. "
        "Options are grouped by job, each group with an example; 'dossier-query -i' "
        "opens an interactive session (:help lists its commands).\n"
        "Subcommands: 'dossier-query show ID' prints the whole article of a hit; "
        "'dossier-query eval' evaluates ranking (each has --help).\n",
        std::string(program)};
    app.formatter(query_help());
    QueryFlags flags;
    add_query_flags(app, flags);
    // Help and version last, after the groups of the job options.
    app.set_help_flag();
    app.set_help_flag("-h,--help", "Print this help message and exit")->group(group_other);
    app.set_version_flag("--version", "dossier-query 0.1.0")->group(group_other);
    app.footer(
        "Environment: DOSSIER_DB (database), DOSSIER_PAGER or PAGER (pager, default "
        "'less -R'), NO_COLOR (no colour), DOSSIER_HISTORY (interactive history file). "
        "Exit status: 0 hits, 1 no hits, 2 error.");

    if (auto done = parse_command_line(app, program, [&] { app.parse(argc, argv); })) {
        return *done;
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

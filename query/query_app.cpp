#include "query_app.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "dossier/date.hpp"
#include "dossier/errors.hpp"
#include "dossier/eval.hpp"
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
    app.add_option("-n,--limit", f.limit, "Passages to show (0: only counts, facets, timeline)")
        ->check(CLI::Range(0u, 100000u));
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
        ->delimiter(',')
        ->allow_extra_args(false);
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
        any_hits = any_hits || result.total > 0 || !result.hits.empty();
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
            if (!exists) throw UsageError(fmt::format("--snapshot {}: no such file; record it "
                                                      "first with --update", f.snapshot));
            auto diffs = eval::compare_snapshots(eval::read_snapshot(f.snapshot), now);
            bool changed = std::any_of(diffs.begin(), diffs.end(),
                                       [](const auto& d) { return d.changed(); });
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
            out += f.format == "json" ? eval::to_json(c).dump(2) + "\n" : eval::format_comparison(c);
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
    CLI::App app{"Evaluate ranking on judged queries (trec_eval's measures), compare with a "
                 "baseline, or check top-k snapshots.\n\n"
                 "Examples:\n"
                 "  dossier-query eval --topics t.tsv --qrels q.txt --db cacm.db\n"
                 "  dossier-query eval --topics t.tsv --qrels q.txt --baseline base.json\n"
                 "  dossier-query eval --score-run run.txt --qrels q.txt --format json\n"
                 "  dossier-query eval --topics t.tsv --snapshot top10.json --check\n",
                 "dossier-query eval"};
    EvalFlags flags;
    add_eval_flags(app, flags);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        error_line(e.what());
        return to_int(ExitCode::usage);
    }
    try {
        return run_eval(flags);
    } catch (const std::exception& e) {
        error_line(e.what());
    }
    return to_int(ExitCode::usage);
}

}  // namespace

int run(int argc, char** argv) {
    terminal::ignore_sigpipe();
    if (argc > 1 && std::string_view(argv[1]) == "eval") return eval_main(argc - 1, argv + 1);
    CLI::App app{"Search a Dossier database: ranked passages with dates, actors and speakers.\n\n"
                 "Examples:\n"
                 "  dossier-query \"South Korea primary responsibility\"\n"
                 "  dossier-query deterrence --actor PRK --from 2020 --facets actor,year\n"
                 "  dossier-query \"Korean War\" --sort oldest -n 3 --format jsonl\n\n"
                 "Ranking evaluation: dossier-query eval --help\n",
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

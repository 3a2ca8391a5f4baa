#include "index_app.hpp"

#include <chrono>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/std.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "dossier/cli_help.hpp"
#include "dossier/errors.hpp"
#include "dossier/exit_code.hpp"
#include "dossier/index_writer.hpp"
#include "dossier/paths.hpp"
#include "dossier/schema.hpp"
#include "dossier/shards.hpp"
#include "dossier/terminal.hpp"
#include "dossier/text.hpp"

namespace fs = std::filesystem;

namespace dossier::index_app {
namespace {

constexpr std::string_view program = "dossier-index";

struct BuildFlags {
    std::vector<std::string> paths;
    std::string db;
    std::string actors;
    std::string language = "english";
    unsigned jobs = 0;
    double wait = 0;
    bool full = false;
    bool keep_missing = false;
    bool strict = false;
    bool json = false;
    bool quiet = false;
    std::string progress = "auto";
    unsigned shards = 0;  // 0: as the database already is (single, or its shard count)
};

struct CompactFlags {
    std::string db;
    std::string out;
};

struct InfoFlags {
    std::string db;
    bool json = false;
};

void error_line(std::string_view message) {
    fmt::print(stderr, "{}: {}\n", program, message);
}

// Progress on a terminal's stderr, redrawn in place at most ten times a second.
class ConsoleObserver : public BuildObserver {
  public:
    ConsoleObserver(bool show_progress, bool quiet) : m_progress(show_progress), m_quiet(quiet) {}
    ~ConsoleObserver() override { clear(); }  // also when the build throws: errors on a clean line
    ConsoleObserver(const ConsoleObserver&) = delete;
    ConsoleObserver& operator=(const ConsoleObserver&) = delete;
    void warning(std::string_view line) override {
        clear();
        error_line(fmt::format("warning: {}", line));
    }
    void note(std::string_view line) override {
        if (m_quiet) return;
        clear();
        error_line(line);
    }
    void progress(std::size_t done, std::size_t total, std::size_t passages) override {
        if (!m_progress) return;
        auto now = std::chrono::steady_clock::now();
        if (done != total && now - m_last < std::chrono::milliseconds(100)) return;
        m_last = now;
        double seconds = std::chrono::duration<double>(now - m_start).count();
        double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
        double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
        const std::size_t bar = 24;
        std::size_t filled = total ? bar * done / total : bar;
        std::string drawn;
        for (std::size_t i = 0; i < bar; ++i) drawn += i < filled ? "█" : "░";
        fmt::print(stderr, "\r{} {}/{} files  {} passages  {:.0f} files/s  ETA {:.0f}s\x1b[K",
                   drawn, done, total, passages, rate, eta);
        m_drawn = true;
    }
    void clear() {
        if (m_drawn) fmt::print(stderr, "\r\x1b[K");
        m_drawn = false;
    }

  private:
    bool m_progress;
    bool m_quiet;
    bool m_drawn = false;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point m_last{};
};

fs::path database_path(const std::string& flag) {
    return flag.empty() ? default_database() : fs::path(flag);
}

Xapian::Database open_existing(const fs::path& path) {
    try {
        return Xapian::Database(path.string());
    } catch (const Xapian::DatabaseOpeningError&) {
        throw DatabaseError(path.string(),
                            "no Dossier database here; build one with "
                            "'dossier-index build PATH --db " +
                                path.string() + "'");
    } catch (const Xapian::Error& e) {
        throw DatabaseError(path.string(), e.get_msg());
    }
}

int run_build(const BuildFlags& flags) {
    BuildOptions options;
    for (const auto& p : flags.paths) options.paths.emplace_back(p);
    if (options.paths.empty()) options.paths = default_corpus();
    if (options.paths.empty()) {
        throw UsageError(
            "no PATH given and no bundled corpus found; run scripts/setup.sh or "
            "name a folder of articles");
    }
    options.db = database_path(flags.db);
    options.actors = flags.actors.empty() ? default_actors() : fs::path(flags.actors);
    if (flags.actors == "none") options.actors.clear();
    if (!options.actors.empty() && !fs::exists(options.actors)) {
        throw UsageError(fmt::format("--actors: {}: no such file", options.actors));
    }
    options.analyzer.language = flags.language;
    options.full = flags.full;
    options.keep_missing = flags.keep_missing;
    options.jobs = flags.jobs ? flags.jobs : std::max(1u, std::thread::hardware_concurrency());
    options.wait_seconds = flags.wait;

    bool show_progress = !flags.quiet && (flags.progress == "always" ||
                                          (flags.progress == "auto" && terminal::stderr_is_tty()));
    BuildSummary summary;
    try {
        ConsoleObserver observer(show_progress, flags.quiet);
        unsigned shards =
            flags.shards ? flags.shards : static_cast<unsigned>(shard_paths(options.db).size());
        summary =
            shards > 1 ? build_sharded(options, shards, observer) : build_index(options, observer);
    } catch (const DatabaseLocked& e) {
        // The library says who holds the lock; only the app knows the flag that waits for it.
        throw DatabaseError(e.path(),
                            e.reason() + (flags.wait > 0 ? "; try a longer --wait SECONDS"
                                                         : "; wait for it to finish, or pass "
                                                           "--wait SECONDS to wait for it"));
    }

    if (flags.json) {
        terminal::write_stdout(summary.to_json().dump() + "\n");
    } else if (!flags.quiet) {
        terminal::write_stdout(fmt::format(
            "{}: {} files ({} added, {} updated, {} deleted, {} unchanged, {} failed), {} articles "
            "and {} passages written, {} passages in {}, {} warnings, {:.2f} s\n",
            program, summary.files, summary.added, summary.updated, summary.deleted,
            summary.unchanged, summary.failures.size(), summary.articles, summary.passages,
            summary.total_passages, options.db.string(), summary.warnings.size(), summary.seconds));
    }
    bool problems = !summary.failures.empty() || !summary.warnings.empty();
    return to_int(flags.strict && problems ? ExitCode::failure : ExitCode::ok);
}

nlohmann::json collect_stats(const fs::path& path) {
    Xapian::Database db = open_existing(path);
    std::size_t files = 0, articles = 0;
    const std::string file_prefix(schema::meta_file);
    for (auto it = db.metadata_keys_begin(file_prefix); it != db.metadata_keys_end(file_prefix);
         ++it) {
        ++files;
    }
    const std::string article_prefix(schema::article);
    for (auto it = db.allterms_begin(article_prefix); it != db.allterms_end(article_prefix); ++it) {
        ++articles;
    }
    std::map<std::string, Xapian::doccount> kinds;
    for (const char* k : {"paragraph", "quote", "heading"}) {
        kinds[k] = db.get_termfreq(schema::term(schema::kind, k));
    }
    return {{"database", path.string()},
            {"passages", db.get_doccount()},
            {"articles", articles},
            {"files", files},
            {"kinds", kinds},
            {"average_passage_length", db.get_avlength()},
            {"schema", db.get_metadata(std::string(schema::meta_schema))},
            {"analyzer", db.get_metadata(std::string(schema::meta_analyzer))},
            {"actors_hash", db.get_metadata(std::string(schema::meta_actors_hash))},
            {"build_id", db.get_metadata(std::string(schema::meta_build_id))}};
}

int run_stats(const InfoFlags& flags) {
    nlohmann::json stats = collect_stats(database_path(flags.db));
    if (flags.json) {
        terminal::write_stdout(stats.dump() + "\n");
        return 0;
    }
    std::string out;
    for (const auto& [key, value] : stats.items()) {
        out += fmt::format("{:<24}{}\n", key,
                           value.is_string() ? value.get<std::string>() : value.dump());
    }
    terminal::write_stdout(out);
    return 0;
}

// Xapian's own consistency check, then Dossier's invariants (index_writer.hpp: check_index).
int run_check(const InfoFlags& flags) {
    fs::path path = database_path(flags.db);
    // A sharded database is checked shard by shard: each is a complete Dossier database.
    std::vector<fs::path> shards = shard_paths(path);
    if (shards.empty()) shards.push_back(path);
    CheckReport report;
    for (const auto& shard : shards) {
        CheckReport r = check_index(shard);
        for (auto& p : r.problems) {
            report.problems.push_back(shards.size() > 1 ? shard.filename().string() + ": " + p : p);
        }
        report.passages += r.passages;
        report.files = std::max(report.files, r.files);
        report.digest += r.digest;
    }
    if (shards.size() > 1) report.digest = text::hash_hex(report.digest);
    if (flags.json) {
        terminal::write_stdout(nlohmann::json{{"database", path.string()},
                                              {"ok", report.problems.empty()},
                                              {"problems", report.problems},
                                              {"passages", report.passages},
                                              {"files", report.files},
                                              {"digest", report.digest}}
                                   .dump() +
                               "\n");
    } else {
        for (const auto& p : report.problems) error_line(fmt::format("{}: {}", path.string(), p));
        if (report.problems.empty()) {
            terminal::write_stdout(fmt::format("{}: ok ({} passages from {} files, digest {})\n",
                                               path.string(), report.passages, report.files,
                                               report.digest));
        }
    }
    return to_int(report.problems.empty() ? ExitCode::ok : ExitCode::failure);
}

int run_actors(const InfoFlags& flags) {
    fs::path path = database_path(flags.db);
    Xapian::Database db = open_existing(path);
    nlohmann::json rows = nlohmann::json::array();
    const std::string prefix(schema::actor);
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
        std::string id = (*it).substr(prefix.size());
        std::set<std::string> articles;
        for (auto p = db.postlist_begin(*it); p != db.postlist_end(*it); ++p) {
            articles.insert(db.get_document(*p).get_value(schema::article_slot));
        }
        rows.push_back(
            {{"id", id}, {"passages", it.get_termfreq()}, {"articles", articles.size()}});
    }
    if (flags.json) {
        terminal::write_stdout(rows.dump() + "\n");
        return 0;
    }
    std::string out = fmt::format("{:<20}{:>10}{:>10}\n", "actor", "passages", "articles");
    for (const auto& r : rows) {
        out += fmt::format("{:<20}{:>10}{:>10}\n", r["id"].get<std::string>(),
                           r["passages"].get<std::size_t>(), r["articles"].get<std::size_t>());
    }
    terminal::write_stdout(out);
    return 0;
}

void add_info_flags(CLI::App* cmd, InfoFlags& f) {
    cmd->add_option("--db", f.db,
                    "Database folder (default: $DOSSIER_DB or ~/.local/share/dossier/db)");
    cmd->add_flag("--json", f.json, "Print one JSON object");
}

}  // namespace

int run(int argc, char** argv) {
    terminal::ignore_sigpipe();
    CLI::App app{
        "Build and inspect a Dossier database of passages.\n\n"
        "Examples:\n"
        "  dossier-index build corpus/articles --db my.db     index a folder\n"
        "  dossier-index --db my.db                           update the bundled corpus\n"
        "  dossier-index stats --db my.db --json              counts and settings\n",
        std::string(program)};
    app.require_subcommand(1, 1);
    app.set_version_flag("--version", "dossier-index 0.1.0");

    BuildFlags build;
    InfoFlags stats, check, actors;
    CLI::App* build_cmd =
        app.add_subcommand("build", "Index articles (incremental; the default command)");
    // --help groups the options by job, each group with an example (dossier/cli_help.hpp).
    build_cmd->formatter(std::make_shared<GroupedHelp>(std::map<std::string, std::string>{
        {"Input", "dossier-index build ~/articles --actors my-actors.tsv --language none"},
        {"Database", "dossier-index build ~/articles --db ~/dossier.db --full"},
        {"Running", "dossier-index build ~/articles --jobs 4 --strict"},
        {"Reporting", "dossier-index build ~/articles --json --progress never > summary.json"},
    }));
    build_cmd
        ->add_option("paths", build.paths,
                     "Files or folders of articles (default: the bundled corpus)")
        ->group("Input");
    build_cmd
        ->add_option("--actors", build.actors,
                     "Actor gazetteer TSV (default: corpus/actors.tsv; 'none' to skip)")
        ->group("Input");
    build_cmd->add_option("--language", build.language, "Snowball stemmer language, or none")
        ->group("Input");
    build_cmd
        ->add_option("--db", build.db,
                     "Database folder (default: $DOSSIER_DB or ~/.local/share/dossier/db)")
        ->group("Database");
    build_cmd->add_flag("--full", build.full, "Rebuild from scratch (swapped in when complete)")
        ->group("Database");
    build_cmd
        ->add_flag("--keep-missing", build.keep_missing,
                   "Keep passages of files that are no longer there")
        ->group("Database");
    build_cmd
        ->add_option("--wait", build.wait,
                     "When another dossier-index is writing the database, wait up to "
                     "SECONDS for it (default: fail at once)")
        ->check(CLI::NonNegativeNumber)
        ->group("Database");
    build_cmd
        ->add_option("--jobs,-j", build.jobs,
                     "Parallel jobs: parts of a full build, analysis threads of an incremental one "
                     "(default: the cores)")
        ->check(CLI::Range(1u, 256u))
        ->group("Running");
    build_cmd->add_flag("--strict", build.strict, "Exit 1 when any file failed or warned")
        ->group("Running");
    build_cmd->add_flag("--json", build.json, "Print the summary as one JSON object")
        ->group("Reporting");
    build_cmd->add_flag("--quiet,-q", build.quiet, "No progress and no summary")
        ->group("Reporting");
    build_cmd->add_option("--progress", build.progress, "Progress bar on stderr")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->group("Reporting");

    add_info_flags(app.add_subcommand("stats", "Counts and settings of a database"), stats);
    add_info_flags(app.add_subcommand("check", "Xapian's check plus Dossier's invariants"), check);
    add_info_flags(app.add_subcommand("actors", "Actors with passage and article counts"), actors);
    build_cmd
        ->add_option("--shards", build.shards,
                     "Write N shard databases under --db, with a stub file that opens them "
                     "as one (each article lands whole in one shard)")
        ->check(CLI::Range(1u, 256u))
        ->group("Database");
    CompactFlags compact;
    CLI::App* compact_cmd =
        app.add_subcommand("compact", "Merge the shards of --db into one compact database --out");
    compact_cmd->add_option("--db", compact.db, "Sharded database folder (default: $DOSSIER_DB)");
    compact_cmd->add_option("--out", compact.out, "New folder for the merged database")->required();

    // `dossier-index [PATH...]` means build: insert the subcommand when none is named.
    std::vector<std::string> args(argv + 1, argv + argc);
    static const std::set<std::string> commands = {"build",   "stats", "check",  "actors",
                                                   "compact", "-h",    "--help", "--version"};
    if (args.empty() || !commands.count(args.front())) args.insert(args.begin(), "build");
    std::reverse(args.begin(), args.end());  // CLI11 takes the arguments back to front

    if (auto done = parse_command_line(app, program, [&] { app.parse(args); })) return *done;

    try {
        if (*build_cmd) return run_build(build);
        if (app.got_subcommand("stats")) return run_stats(stats);
        if (app.got_subcommand("check")) return run_check(check);
        if (*compact_cmd) {
            compact_shards(database_path(compact.db), fs::path(compact.out));
            return to_int(ExitCode::ok);
        }
        return run_actors(actors);
    } catch (const UsageError& e) {
        error_line(e.what());
        return to_int(ExitCode::usage);
    } catch (const InputError& e) {
        error_line(e.what());
        return to_int(ExitCode::failure);
    } catch (const DatabaseError& e) {
        error_line(e.what());
        return to_int(ExitCode::failure);
    } catch (const std::exception& e) {
        error_line(e.what());
        return to_int(ExitCode::failure);
    } catch (const Xapian::Error& e) {  // not a std::exception: would abort with a core dump
        error_line(e.get_description());
        return to_int(ExitCode::failure);
    }
}

}  // namespace dossier::index_app

#include "dossier/index_writer.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "dossier/errors.hpp"
#include "dossier/facets.hpp"
#include "dossier/ranking.hpp"
#include "dossier/schema.hpp"
#include "dossier/spelling.hpp"
#include "dossier/text.hpp"

namespace fs = std::filesystem;

#if defined(__SANITIZE_ADDRESS__)
#define DOSSIER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DOSSIER_ASAN 1
#endif
#endif
#ifdef DOSSIER_ASAN
// Xapian 1.4's own Database::check() (libxapian, not instrumented) deletes a table checker
// through its base class with a sized delete of the wrong size, which ASan reports as
// new-delete-type-mismatch and aborts on. Every binary that can run check_index() links this
// file, so this is where sanitizer builds learn to let that one report pass; $ASAN_OPTIONS
// still overrides it.
extern "C" const char* __asan_default_options() {
    return "new_delete_type_mismatch=0";
}
#endif

namespace dossier {
namespace {

// Xapian refuses terms longer than 245 bytes; long ids are replaced by a hash.
constexpr std::size_t max_term_bytes = 240;
// A transaction is committed after BuildOptions::batch_passages passages or this much passage
// text, whichever comes first, and only between files: a kill loses at most one batch, never
// half a file, and the memory Xapian buffers for the transaction stays bounded however large
// the corpus.
constexpr std::size_t text_bytes_per_commit = 16u << 20;
// Analysed files waiting for the writer, per analysis thread: bounds memory, keeps threads busy.
constexpr std::size_t files_ahead_per_job = 2;

std::string bounded_term(std::string_view prefix, std::string_view value) {
    std::string term = schema::term(prefix, value);
    if (term.size() > max_term_bytes) term = schema::term(prefix, "#" + text::hash_hex(value));
    return term;
}

// --- the manifest: one metadata entry per indexed file ------------------------------------------

struct ManifestEntry {
    std::string hash;
    std::vector<std::string> articles;
    std::size_t passages = 0;
    // Articles the file holds but another file owns (skipped as duplicates): when the owner lets
    // one go, this file is read again so that its copy takes the place.
    std::vector<std::string> duplicates;
};

std::string encode_manifest(const ManifestEntry& e) {
    nlohmann::json j = {{"hash", e.hash}, {"articles", e.articles}, {"passages", e.passages}};
    if (!e.duplicates.empty()) j["duplicates"] = e.duplicates;
    return j.dump();
}

std::optional<ManifestEntry> decode_manifest(const std::string& value) {
    auto j = nlohmann::json::parse(value, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    try {
        ManifestEntry e;
        e.hash = j.value("hash", "");
        e.articles = j.value("articles", std::vector<std::string>{});
        e.duplicates = j.value("duplicates", std::vector<std::string>{});
        e.passages = j.value("passages", std::size_t{0});
        return e;
    } catch (const nlohmann::json::exception&) {  // right keys, wrong types
        return std::nullopt;
    }
}

using Manifest = std::map<std::string, ManifestEntry>;

Manifest read_manifest(const Xapian::Database& db) {
    Manifest manifest;
    const std::string prefix(schema::meta_file);
    for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
        if (auto e = decode_manifest(db.get_metadata(*it))) {
            manifest.emplace((*it).substr(prefix.size()), std::move(*e));
        }
    }
    return manifest;
}

// --- input files -----------------------------------------------------------------------------

bool is_article_file(const fs::path& p) {
    std::string ext = text::ascii_lower(p.extension().string());
    return ext.empty() || ext == ".txt" || ext == ".text" || ext == ".md" || ext == ".markdown" ||
           ext == ".jsonl" || ext == ".ndjson";
}

struct InputFile {
    std::string relative;  // manifest key and article id for plain files
    fs::path path;
};

// Files in a deterministic order (by relative name), hidden files and folders skipped. Folder
// symlinks are not followed, so a symlink loop cannot trap the walk.
std::vector<InputFile> collect_files(const std::vector<fs::path>& roots, BuildSummary& summary,
                                     BuildObserver& observer) {
    std::vector<InputFile> files;
    for (const auto& root : roots) {
        std::error_code ec;
        auto status = fs::status(root, ec);
        if (ec || !fs::exists(status)) {
            throw UsageError(fmt::format("{}: no such file or folder", root.string()));
        }
        if (fs::is_regular_file(status)) {
            files.push_back({root.filename().string(), root});
            continue;
        }
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied,
                                            ec),
            end;
        for (; !ec && it != end; it.increment(ec)) {
            const auto& entry = *it;
            std::string name = entry.path().filename().string();
            if (!name.empty() && name[0] == '.') {
                if (entry.is_directory()) it.disable_recursion_pending();
                continue;
            }
            std::error_code file_ec;
            if (entry.is_symlink(file_ec) && !fs::exists(entry.path(), file_ec)) {
                // Reported like any unreadable file: the user meant it to be indexed.
                files.push_back(
                    {entry.path().lexically_relative(root).generic_string(), entry.path()});
                continue;
            }
            if (!entry.is_regular_file(file_ec)) continue;
            std::string rel = entry.path().lexically_relative(root).generic_string();
            if (!is_article_file(entry.path())) {
                ++summary.ignored;
                continue;
            }
            files.push_back({rel, entry.path()});
        }
        if (ec) {
            std::string line = fmt::format("{}: {}", root.string(), ec.message());
            summary.warnings.push_back(line);
            observer.warning(line);
        }
    }
    std::stable_sort(files.begin(), files.end(), [](const InputFile& a, const InputFile& b) {
        return a.relative < b.relative;
    });
    // Two roots can hold the same relative name (`build a/x.txt b/x.txt`): the name is the
    // manifest key, so the later one would replace the earlier one on every run. Refuse it.
    for (std::size_t i = 1; i < files.size();) {
        if (files[i].relative != files[i - 1].relative) {
            ++i;
            continue;
        }
        std::string line = fmt::format("{}: same name as {} in another folder: skipped",
                                       files[i].path.string(), files[i - 1].path.string());
        summary.failures.push_back(
            {files[i].path.string(), "same name as " + files[i - 1].path.string()});
        observer.warning(line);
        files.erase(files.begin() + static_cast<std::ptrdiff_t>(i));
    }
    return files;
}

// The whole file, or nullopt when it cannot be read or holds more than `limit` bytes (it may
// grow while we read it); ingest then reads it again to say why.
std::optional<std::string> read_whole_file(const fs::path& path, std::size_t limit) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return std::nullopt;
    std::string data;
    char buf[1 << 16];
    std::size_t n;
    while (data.size() <= limit && (n = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, n);
    bool failed = std::ferror(f) != 0 || data.size() > limit;
    std::fclose(f);
    if (failed) return std::nullopt;
    return data;
}

// What a worker thread hands to the writer for one file.
struct PreparedArticle {
    std::string id;
    std::vector<std::pair<std::string, Xapian::Document>> passages;  // (id term, document)
    std::size_t text_bytes = 0;
    SpellingWords spelling;  // collected here, added by the single writer thread
};

struct FileJob {
    enum class Status { unchanged, indexed, failed } status = Status::failed;
    std::string hash;
    std::vector<PreparedArticle> articles;
    std::vector<std::string> warnings;
    std::string error;
};

// Runs on an analysis thread: reads, hashes and (when changed) analyses one file. Never throws.
FileJob process_file(const InputFile& file, const std::string& previous_hash, bool force,
                     const BuildOptions& options, const Gazetteer* gazetteer,
                     const Analyzer& analyzer) {
    FileJob job;
    std::error_code ec;
    auto size = fs::file_size(file.path, ec);
    std::optional<std::string> bytes;
    // Read once: the same bytes give the content hash and, when it changed, the articles. Files
    // ingest would refuse anyway (too large, unreadable, gone) go straight to it for the reason.
    if (!ec && size <= options.limits.max_file_bytes) {
        bytes = read_whole_file(file.path, options.limits.max_file_bytes);
    }
    if (bytes) {
        job.hash = text::hash_hex(*bytes);
        if (!previous_hash.empty() && !force && previous_hash == job.hash) {
            job.status = FileJob::Status::unchanged;
            return job;
        }
    }
    try {
        FileContents contents =
            bytes ? parse_contents(*bytes, file.relative, detect_format(file.path), options.limits)
                  : read_file(file.path, file.relative, options.limits);
        job.warnings = std::move(contents.warnings);
        for (const Article& article : contents.articles) {
            if (shard_of(article.id, options.shard_count) != options.shard_index) continue;
            PreparedArticle prepared;
            prepared.id = article.id;
            for (const AnalysedPassage& p : analyse_article(article, gazetteer, options.segment)) {
                std::string pid = make_passage_id(article.id, p.passage.ordinal);
                prepared.passages.emplace_back(
                    passage_id_term(pid),
                    make_passage_document(article, p, file.relative, analyzer));
                prepared.text_bytes += p.passage.end - p.passage.begin;
                collect_spelling_words(
                    std::string_view(article.text)
                        .substr(p.passage.begin, p.passage.end - p.passage.begin),
                    prepared.spelling);
            }
            job.articles.push_back(std::move(prepared));
        }
        job.status = FileJob::Status::indexed;
    } catch (const InputError& e) {
        job.error = e.reason();
    } catch (const std::exception& e) {
        job.error = e.what();
    } catch (const Xapian::Error& e) {
        job.error = e.get_description();
    } catch (...) {
        job.error = "unexpected error while analysing the file";
    }
    if (job.status == FileJob::Status::failed) job.articles.clear();
    return job;
}

std::string year_of(const std::optional<Date>& d) {
    return d ? fmt::format("{:04d}", d->year) : std::string();
}

// "Error writing block 4 (No space left on device)": Xapian's message with the system's reason.
std::string xapian_reason(const Xapian::Error& e) {
    const char* system = e.get_error_string();
    return system && *system ? fmt::format("{} ({})", e.get_msg(), system) : e.get_msg();
}

// --- locking, opening, swapping ----------------------------------------------------------------

using Clock = std::chrono::steady_clock;

fs::path sibling(const fs::path& db, std::string_view suffix) {
    return fs::path(db.string() + std::string(suffix));
}

// An advisory flock() on "<db>.lock", held for the whole run (also while a full rebuild writes
// "<db>.new"), so that two dossier-index never interleave their work. The kernel drops the lock
// when the process dies, so a kill -9 never leaves a stale lock; the file itself stays, harmless,
// holding the pid of the last writer for the message the next one prints.
class WriteLock {
  public:
    WriteLock(const fs::path& db, const std::string& shown, Clock::time_point deadline,
              double wait_seconds, BuildObserver& observer) {
        const fs::path path = sibling(db, ".lock");
        m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (m_fd < 0) {
            throw DatabaseError(shown, fmt::format("cannot create the lock file {}: {}",
                                                   path.string(), std::strerror(errno)));
        }
        bool told = false;
        for (;;) {
            if (::flock(m_fd, LOCK_EX | LOCK_NB) == 0) break;
            if (errno == EINTR) continue;
            if (errno != EWOULDBLOCK) {
                int error = errno;
                ::close(m_fd);
                throw DatabaseError(
                    shown, fmt::format("cannot lock {}: {}", path.string(), std::strerror(error)));
            }
            std::string holder = holder_pid();
            if (Clock::now() >= deadline) {
                ::close(m_fd);
                if (wait_seconds > 0) {
                    throw DatabaseLocked(
                        shown, fmt::format("another dossier-index{} is still writing this "
                                           "database after {:g} s of waiting",
                                           holder, wait_seconds));
                }
                throw DatabaseLocked(shown, fmt::format("another dossier-index{} is writing "
                                                        "this database",
                                                        holder));
            }
            if (!told) {
                observer.note(fmt::format("{}: waiting for another dossier-index{} to finish",
                                          shown, holder));
                told = true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        std::string pid = std::to_string(::getpid()) + "\n";
        if (::ftruncate(m_fd, 0) == 0) {
            [[maybe_unused]] auto n = ::pwrite(m_fd, pid.data(), pid.size(), 0);
        }
    }
    ~WriteLock() { ::close(m_fd); }
    WriteLock(const WriteLock&) = delete;
    WriteLock& operator=(const WriteLock&) = delete;

  private:
    // " (pid 1234)" from the lock file, "" when it holds none.
    std::string holder_pid() const {
        char buf[32] = {};
        ssize_t n = ::pread(m_fd, buf, sizeof buf - 1, 0);
        std::string pid = n > 0 ? std::string(text::trim_spaces(std::string_view(buf))) : "";
        bool digits = !pid.empty() && std::all_of(pid.begin(), pid.end(),
                                                  [](char c) { return c >= '0' && c <= '9'; });
        return digits ? " (pid " + pid + ")" : "";
    }

    int m_fd = -1;
};

class Writer {
  public:
    // Retries Xapian's own lock (a writer that is not a dossier-index) until `deadline`.
    Writer(const fs::path& path, const std::string& shown, Clock::time_point deadline,
           std::size_t batch_passages, int extra_flags = 0)
        : m_batch_passages(std::max<std::size_t>(1, batch_passages)) {
        for (;;) {
            try {
                m_db = Xapian::WritableDatabase(path.string(),
                                                Xapian::DB_CREATE_OR_OPEN | extra_flags);
                return;
            } catch (const Xapian::DatabaseLockError&) {
                if (Clock::now() >= deadline) {
                    throw DatabaseLocked(shown, "another program is writing this database");
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            } catch (const Xapian::Error& e) {
                throw DatabaseError(shown, xapian_reason(e));
            }
        }
    }
    Xapian::WritableDatabase& db() { return m_db; }

    void begin() {
        if (!m_in_transaction) {
            m_db.begin_transaction();
            m_in_transaction = true;
        }
    }
    // Called between files only, so that a commit never splits one.
    void maybe_commit(std::size_t passages, std::size_t text_bytes) {
        m_pending_passages += passages;
        m_pending_bytes += text_bytes;
        if (m_pending_passages >= m_batch_passages || m_pending_bytes >= text_bytes_per_commit) {
            commit();
        }
    }
    void commit() {
        if (m_in_transaction) {
            m_db.commit_transaction();
            m_in_transaction = false;
        }
        m_pending_passages = 0;
        m_pending_bytes = 0;
    }

  private:
    Xapian::WritableDatabase m_db;
    std::size_t m_batch_passages;
    bool m_in_transaction = false;
    std::size_t m_pending_passages = 0;
    std::size_t m_pending_bytes = 0;
};

enum class TargetKind { absent, database, other };

// An empty folder counts as absent (`--db "$(mktemp -d)"`); anything else that is not a
// database is refused, never replaced: --db pointing at the wrong folder must not delete it.
TargetKind classify_target(const fs::path& target) {
    std::error_code ec;
    auto status = fs::symlink_status(target, ec);
    if (ec || !fs::exists(status)) return TargetKind::absent;
    if (fs::is_directory(status)) {
        // XAPIANDB: a folder whose stub file lists its shards (README "Scaling out").
        for (const char* marker : {"iamglass", "iamchert", "XAPIANDB"}) {
            if (fs::exists(target / marker, ec)) return TargetKind::database;
        }
        return fs::is_empty(target, ec) && !ec ? TargetKind::absent : TargetKind::other;
    }
    if (fs::is_symlink(status)) {  // a symlink to a database folder: follow it
        auto followed = fs::status(target, ec);
        if (!ec && fs::is_directory(followed) &&
            (fs::exists(target / "iamglass", ec) || fs::exists(target / "iamchert", ec))) {
            return TargetKind::database;
        }
        return TargetKind::other;
    }
    return fs::is_regular_file(status) ? TargetKind::database : TargetKind::other;  // stub file
}

std::string unfinished_recipe_of(const Xapian::Database& db) {
    return db.get_metadata(std::string(schema::meta_unfinished));
}

// The settings of an unfinished part of a full build, or "" when it is not one (missing,
// finished, broken).
std::string unfinished_recipe(const fs::path& part) {
    try {
        return unfinished_recipe_of(Xapian::Database(part.string()));
    } catch (const Xapian::Error&) {
        return {};
    }
}

// A finished database in `fresh`: it opens, carries Dossier's settings and no unfinished mark.
bool is_finished(const fs::path& fresh) {
    try {
        Xapian::Database db(fresh.string());
        return !db.get_metadata(std::string(schema::meta_schema)).empty() &&
               db.get_metadata(std::string(schema::meta_unfinished)).empty();
    } catch (const Xapian::Error&) {
        return false;
    }
}

// Puts the finished database `fresh` at `target`. renameat2(RENAME_EXCHANGE) swaps the two
// names in one atomic step, so a reader or a crash finds the old or the new database at
// `target`, never none; the old one, now at `fresh`, is then removed. Filesystems that cannot
// exchange (some network and FUSE ones) get two renames, target -> "<db>.old" and fresh ->
// target, whose gap recover_interrupted_swap() closes at the next run.
void swap_in(const fs::path& fresh, const fs::path& target, const fs::path& old,
             const std::string& shown) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(target, ec))) {
        fs::rename(fresh, target, ec);
        if (ec) throw DatabaseError(shown, "cannot move the new database in: " + ec.message());
        return;
    }
#ifdef RENAME_EXCHANGE
    if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
        fs::remove_all(fresh, ec);
        return;
    }
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
        throw DatabaseError(
            shown, fmt::format("cannot swap the new database in: {}", std::strerror(errno)));
    }
#endif
    fs::remove_all(old, ec);
    fs::rename(target, old, ec);
    if (ec) throw DatabaseError(shown, "cannot move the old database aside: " + ec.message());
    fs::rename(fresh, target, ec);
    if (ec) throw DatabaseError(shown, "cannot move the new database in: " + ec.message());
    fs::remove_all(old, ec);
}

// A run killed inside the two-rename swap left no database at `target`: "<db>.new" when it is
// finished (the kill came between the renames), else "<db>.old", goes back. Returns a note.
std::string recover_interrupted_swap(const fs::path& fresh, const fs::path& target,
                                     const fs::path& old) {
    std::error_code ec;
    std::string note;
    if (!fs::exists(fs::symlink_status(target, ec)) && fs::exists(old, ec)) {
        if (fs::exists(fresh, ec) && is_finished(fresh)) {
            fs::rename(fresh, target, ec);
            note = "an interrupted rebuild had finished: its new database is now in place";
        } else {
            fs::rename(old, target, ec);
            note = "an interrupted rebuild had moved the database aside: it is back in place";
        }
    }
    if (fs::exists(target, ec)) fs::remove_all(old, ec);
    return note;
}

// What this run will do to the database, decided before any file is read.
struct Plan {
    fs::path target;     // the database users open
    bool full = false;   // build from scratch in parts, compact them into "<db>.new", swap in
    bool retag = false;  // the gazetteer changed: every file is analysed again
};

// The settings a database is built with; a full rebuild records them in "<db>.new".
std::string recipe_of(const std::string& analyzer, const std::string& actors_hash) {
    return fmt::format("schema {}; analyzer {}; actors {}", schema::version, analyzer, actors_hash);
}

void refuse_foreign(const fs::path& target, const std::string& shown) {
    if (classify_target(target) == TargetKind::other) {
        throw DatabaseError(shown,
                            "exists and is not a Dossier database (nor an empty folder); "
                            "refusing to write there");
    }
}

Plan make_plan(const BuildOptions& options, const fs::path& target, const std::string& shown,
               const std::string& analyzer_description, const std::string& actors_hash,
               BuildSummary& summary) {
    Plan plan;
    plan.target = target;
    plan.full = options.full;
    refuse_foreign(target, shown);
    switch (classify_target(target)) {
        case TargetKind::other:
            break;
        case TargetKind::absent:
            plan.full = true;  // the first build is atomic too: it appears when complete
            break;
        case TargetKind::database:
            if (plan.full) break;
            try {
                Xapian::Database current(target.string());
                std::string schema_version = current.get_metadata(std::string(schema::meta_schema));
                std::string analyzer_used =
                    current.get_metadata(std::string(schema::meta_analyzer));
                std::string actors_used =
                    current.get_metadata(std::string(schema::meta_actors_hash));
                if (schema_version != std::to_string(schema::version)) {
                    plan.full = true;
                    summary.notes.push_back(fmt::format(
                        "schema version changed ({} -> {}): rebuilding from scratch",
                        schema_version.empty() ? "none" : schema_version, schema::version));
                } else if (analyzer_used != analyzer_description) {
                    plan.full = true;
                    summary.notes.push_back(
                        fmt::format("analyzer settings changed ({} -> {}): rebuilding from scratch",
                                    analyzer_used, analyzer_description));
                } else if (actors_used != actors_hash) {
                    plan.retag = true;
                    summary.notes.push_back("actor gazetteer changed: re-tagging every file");
                }
            } catch (const Xapian::Error& e) {
                throw DatabaseError(shown, e.get_msg());
            }
            break;
    }

    // A leftover "<db>.new" is a compaction that did not finish, or the old database a swap had
    // not yet removed: nothing to keep either way (the parts it came from are kept).
    const fs::path fresh = sibling(target, ".new");
    std::error_code ec;
    if (fs::exists(fs::symlink_status(fresh, ec))) {
        fs::remove_all(fresh, ec);
        if (ec) {
            throw DatabaseError(shown, fmt::format("cannot remove the leftover {}: {}",
                                                   fresh.string(), ec.message()));
        }
    }
    return plan;
}

}  // namespace

nlohmann::json BuildSummary::to_json() const {
    nlohmann::json failed_files = nlohmann::json::array();
    for (const auto& f : failures) failed_files.push_back({{"file", f.file}, {"reason", f.reason}});
    return {{"files", files},           {"added", added},
            {"updated", updated},       {"deleted", deleted},
            {"skipped", unchanged},     {"unchanged", unchanged},
            {"ignored", ignored},       {"failed", failures.size()},
            {"failures", failed_files}, {"warnings", warnings},
            {"notes", notes},           {"articles", articles},
            {"passages", passages},     {"total_passages", total_passages},
            {"build_id", build_id},     {"seconds", seconds}};
}

unsigned shard_of(std::string_view article_id, unsigned shard_count) {
    if (shard_count <= 1) return 0;
    return static_cast<unsigned>(text::hash64(article_id) % shard_count);
}

std::string make_passage_id(std::string_view article_id, int ordinal) {
    return fmt::format("{}#{}", article_id, ordinal);
}

std::string passage_id_term(std::string_view passage_id) {
    std::string term = schema::term(schema::passage_id, passage_id);
    if (term.size() > max_term_bytes)
        term = schema::term(schema::passage_id, "#" + text::hash_hex(passage_id));
    return term;
}

std::vector<AnalysedPassage> analyse_article(const Article& article, const Gazetteer* gazetteer,
                                             const SegmentOptions& segment_options) {
    std::vector<AnalysedPassage> out;
    std::vector<Passage> passages = segment(article.text, segment_options);
    std::vector<QuoteInput> quote_inputs;
    out.reserve(passages.size());
    quote_inputs.reserve(passages.size());
    for (Passage& p : passages) {
        AnalysedPassage a;
        std::string_view body = std::string_view(article.text).substr(p.begin, p.end - p.begin);
        QuoteInput qi;
        qi.text = body;
        qi.paragraph = p.paragraph;
        qi.heading = p.kind == PassageKind::heading;
        if (gazetteer) {
            qi.mentions = gazetteer->match(body);
            std::set<std::string> ids;
            for (const auto& m : qi.mentions) {
                for (auto& id : gazetteer->with_ancestors(m.id)) ids.insert(std::move(id));
            }
            a.actors.assign(ids.begin(), ids.end());
        }
        a.passage = std::move(p);
        out.push_back(std::move(a));
        quote_inputs.push_back(std::move(qi));
    }
    if (gazetteer) {
        const std::string date = article.date ? article.date->to_string() : std::string();
        QuoteContext context{
            .author = article.author, .genre = article.genre, .title = article.title, .date = date};
        std::vector<QuoteAttribution> quotes = attribute_quotes(quote_inputs, *gazetteer, context);
        for (std::size_t i = 0; i < out.size() && i < quotes.size(); ++i) {
            out[i].quote = std::move(quotes[i]);
            // Stored with the passage, so output never needs the gazetteer to name a speaker.
            const Actor* who = gazetteer->find(out[i].quote.speaker);
            out[i].speaker_name = who ? who->name : out[i].quote.speaker;
            if (out[i].quote.is_quote && out[i].passage.kind == PassageKind::paragraph) {
                out[i].passage.kind = PassageKind::quote;
            }
        }
    }
    return out;
}

Xapian::Document make_passage_document(const Article& article, const AnalysedPassage& analysed,
                                       std::string_view file, const Analyzer& analyzer) {
    const Passage& p = analysed.passage;
    std::string_view body = std::string_view(article.text).substr(p.begin, p.end - p.begin);
    std::string pid = make_passage_id(article.id, p.ordinal);
    std::string_view kind = to_string(p.kind);

    Xapian::Document doc;
    analyzer.index_text(doc, body);
    if (!article.title.empty()) {
        analyzer.index_text_without_positions(doc, article.title, 1, schema::title);
        // Title words also count as words of every passage, `title_weight` times each (no
        // positions: a phrase never spans title and text). Measured: tests/ranking/README.md.
        analyzer.index_text_without_positions(doc, article.title, ranking::title_weight, "");
    }

    doc.add_boolean_term(passage_id_term(pid));
    doc.add_boolean_term(bounded_term(schema::article, article.id));
    doc.add_boolean_term(bounded_term(schema::file, file));
    doc.add_boolean_term(schema::term(schema::kind, kind));
    for (const auto& id : analysed.actors) doc.add_boolean_term(schema::term(schema::actor, id));
    const std::string& speaker = analysed.quote.speaker;
    if (!speaker.empty()) {
        doc.add_boolean_term(bounded_term(schema::speaker, text::ascii_lower(speaker)));
    }
    if (article.date) {
        doc.add_boolean_term(schema::term(schema::year, year_of(article.date)));
        if (article.date->month) {
            doc.add_boolean_term(
                schema::term(schema::month,
                             fmt::format("{:04d}{:02d}", article.date->year, article.date->month)));
        }
        doc.add_boolean_term(schema::term(schema::day, article.date->sort_key()));
        doc.add_value(schema::date_slot, article.date->sort_key());
    }
    doc.add_value(schema::oldest_first_slot, article.date ? article.date->sort_key() : "~");
    doc.add_value(schema::passage_order_slot, fmt::format("{}#{:06d}", article.id, p.ordinal));

    std::string actors_joined;
    for (const auto& id : analysed.actors) {
        if (!actors_joined.empty()) actors_joined += '\t';
        actors_joined += id;
    }
    doc.add_value(schema::article_slot, article.id);
    if (!actors_joined.empty()) doc.add_value(schema::actors_slot, actors_joined);
    if (!speaker.empty()) doc.add_value(schema::speaker_slot, speaker);
    doc.add_value(schema::kind_slot, std::string(kind));
    doc.add_value(schema::facet_slot, facet_slot_value(article.id, doc.get_value(schema::date_slot),
                                                       actors_joined, speaker, kind));

    nlohmann::json data = {
        {"id", pid},
        {"article", article.id},
        {"title", article.title},
        {"source", article.source},
        {"url", article.url},
        {"author", article.author},
        {"date", article.date ? nlohmann::json(article.date->to_string()) : nlohmann::json()},
        {"paragraph", p.ordinal},
        {"begin", article.text_offset + p.begin},
        {"end", article.text_offset + p.end},
        {"heading", p.heading},
        {"kind", kind},
        {"speaker", speaker.empty() ? nlohmann::json() : nlohmann::json(speaker)},
        {"speaker_name",
         speaker.empty() ? nlohmann::json() : nlohmann::json(analysed.speaker_name)},
        {"actors", analysed.actors},
        {"text", body},
    };
    doc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return doc;
}

namespace {

// What every database written in one run shares.
struct RunContext {
    const BuildOptions& options;
    const Gazetteer* gazetteer = nullptr;
    bool retag = false;
    bool keep_missing = false;
    unsigned analysis_threads = 1;
    const std::atomic<bool>* cancel = nullptr;  // another part failed: stop between files
};

// Thrown inside a part when another part failed; never leaves build_index.
struct BuildCancelled {};

// Brings the database behind `writer` in line with `files`: files that disappeared lose their
// passages (unless run.keep_missing), changed and new files are analysed on
// run.analysis_threads threads and written in file order, unchanged ones are skipped by their
// content hash. `manifest` is the database's and is kept up to date; counts, failures and
// warnings go to `summary`. Returns the articles no file owns any more (their owner was deleted
// or dropped them), for catch_up_duplicates().
std::set<std::string> write_files(Writer& writer, const std::vector<InputFile>& files,
                                  Manifest& manifest, const RunContext& run,
                                  BuildObserver& observer, BuildSummary& summary) {
    Xapian::WritableDatabase& db = writer.db();
    const BuildOptions& options = run.options;
    const std::string file_prefix(schema::meta_file);
    auto warn = [&](std::string line) {
        observer.warning(line);
        summary.warnings.push_back(std::move(line));
    };

    // Files that are gone go first, each in the transaction that also drops its manifest
    // entry: their articles are free before a new file claims them (a JSONL record moved
    // from one file to another is not a duplicate).
    std::set<std::string> owned_before;
    for (const auto& [file, entry] : manifest) {
        owned_before.insert(entry.articles.begin(), entry.articles.end());
    }
    std::set<std::string> present;
    for (const auto& f : files) present.insert(f.relative);
    for (auto it = manifest.begin(); it != manifest.end();) {
        if (run.keep_missing || present.count(it->first)) {
            ++it;
            continue;
        }
        writer.begin();
        remove_spelling_of(db, bounded_term(schema::file, it->first));
        db.delete_document(bounded_term(schema::file, it->first));
        db.set_metadata(file_prefix + it->first, "");
        writer.maybe_commit(it->second.passages, 0);
        ++summary.deleted;
        it = manifest.erase(it);
    }

    std::map<std::string, std::string> article_owner;  // article id -> relative file
    for (const auto& [file, entry] : manifest) {
        for (const auto& a : entry.articles) article_owner.emplace(a, file);
    }
    // The hashes the workers compare against, copied: the writer changes the manifest while
    // they run.
    std::vector<std::string> previous_hash(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (auto found = manifest.find(files[i].relative); found != manifest.end()) {
            previous_hash[i] = found->second.hash;
        }
    }

    // Analysis runs on its own threads; the writer takes results strictly in file order, so
    // the database is the same whatever the thread count. The window bounds memory: no
    // worker runs more than `window` files ahead of the writer, so file i's result can live
    // in slot i % window, freed when the writer took file i - window.
    const unsigned jobs = std::max(1u, run.analysis_threads);
    const std::size_t window = std::size_t{jobs} * files_ahead_per_job;
    std::vector<std::optional<FileJob>> results(window);
    std::mutex mutex;
    std::condition_variable ready, room;
    std::atomic<std::size_t> next_job{0};
    std::size_t written = 0;
    bool stop = false;

    auto worker = [&]() {
        Analyzer analyzer(options.analyzer, /*remember_stems=*/true);
        for (;;) {
            std::size_t i = next_job.fetch_add(1);
            if (i >= files.size()) return;
            {
                std::unique_lock guard(mutex);
                room.wait(guard, [&] { return stop || i < written + window; });
                if (stop) return;
            }
            FileJob job = process_file(files[i], previous_hash[i], run.retag, options,
                                       run.gazetteer, analyzer);
            {
                std::lock_guard guard(mutex);
                results[i % window] = std::move(job);
            }
            ready.notify_all();
        }
    };
    std::vector<std::thread> threads;
    auto stop_workers = [&]() {
        {
            std::lock_guard guard(mutex);
            stop = true;
        }
        room.notify_all();
        for (auto& t : threads) t.join();
        threads.clear();
    };
    for (unsigned t = 0; t < jobs && t < files.size(); ++t) threads.emplace_back(worker);

    try {
        for (std::size_t i = 0; i < files.size(); ++i) {
            if (run.cancel && run.cancel->load()) throw BuildCancelled{};
            FileJob job;
            {
                std::unique_lock guard(mutex);
                ready.wait(guard, [&] { return results[i % window].has_value(); });
                job = std::move(*results[i % window]);
                results[i % window].reset();
                written = i + 1;
            }
            room.notify_all();

            const std::string& rel = files[i].relative;
            auto previous = manifest.find(rel);
            for (const auto& w : job.warnings) warn(fmt::format("{}: {}", rel, w));

            if (job.status == FileJob::Status::unchanged) {
                ++summary.unchanged;
            } else if (job.status == FileJob::Status::failed) {
                // The file's previous passages stay: a file that became unreadable loses
                // nothing.
                summary.failures.push_back({rel, job.error});
                observer.warning(fmt::format("{}: {}", rel, job.error));
            } else {
                // One transaction holds the file's old passages going, its new ones coming
                // and its manifest entry: a kill leaves the file entirely old or entirely new.
                writer.begin();
                if (previous != manifest.end()) {
                    remove_spelling_of(db, bounded_term(schema::file, rel));
                    db.delete_document(bounded_term(schema::file, rel));
                }
                ManifestEntry entry;
                entry.hash = job.hash;
                std::size_t text_bytes = 0;
                for (auto& article : job.articles) {
                    auto owner = article_owner.find(article.id);
                    if (owner != article_owner.end() && owner->second != rel) {
                        warn(
                            fmt::format("{}: duplicate article '{}' (already indexed from {}): "
                                        "skipped",
                                        rel, article.id, owner->second));
                        entry.duplicates.push_back(article.id);
                        continue;
                    }
                    article_owner[article.id] = rel;
                    entry.articles.push_back(article.id);
                    for (auto& [term, doc] : article.passages) db.replace_document(term, doc);
                    add_spelling_words(db, article.spelling);
                    entry.passages += article.passages.size();
                    text_bytes += article.text_bytes;
                    ++summary.articles;
                }
                summary.passages += entry.passages;
                const std::size_t file_passages = entry.passages;
                db.set_metadata(file_prefix + rel, encode_manifest(entry));
                if (previous != manifest.end()) {
                    ++summary.updated;
                    for (const auto& a : previous->second.articles) {
                        auto owner = article_owner.find(a);
                        if (owner != article_owner.end() && owner->second == rel &&
                            std::find(entry.articles.begin(), entry.articles.end(), a) ==
                                entry.articles.end()) {
                            article_owner.erase(owner);
                        }
                    }
                    previous->second = std::move(entry);
                } else {
                    ++summary.added;
                    manifest.emplace(rel, std::move(entry));
                }
                writer.maybe_commit(file_passages, text_bytes);
            }
            observer.progress(i + 1, files.size(), summary.passages);
        }
    } catch (...) {
        stop_workers();
        throw;
    }
    stop_workers();

    std::set<std::string> released;
    for (const auto& a : owned_before) {
        if (!article_owner.count(a)) released.insert(a);
    }
    return released;
}

void add_passages_and_reports(BuildSummary& total, BuildSummary& part) {
    total.articles += part.articles;
    total.passages += part.passages;
    for (auto& f : part.failures) total.failures.push_back(std::move(f));
    for (auto& w : part.warnings) total.warnings.push_back(std::move(w));
}

// Files holding a skipped copy of an article that `released` says lost its owner are analysed
// again, so that the copy is indexed as a clean build would index it. Repeats while that frees
// more (a chain of copies), a few rounds at most.
void catch_up_duplicates(Writer& writer, const std::vector<InputFile>& files, Manifest& manifest,
                         const RunContext& run, BuildObserver& observer, BuildSummary& summary,
                         std::set<std::string> released) {
    for (int round = 0; round < 4 && !released.empty(); ++round) {
        std::vector<InputFile> holders;
        for (const auto& f : files) {
            auto entry = manifest.find(f.relative);
            if (entry == manifest.end()) continue;
            for (const auto& a : entry->second.duplicates) {
                if (released.count(a)) {
                    holders.push_back(f);
                    break;
                }
            }
        }
        if (holders.empty()) return;
        RunContext again = run;
        again.retag = true;         // read them whatever their hash says
        again.keep_missing = true;  // the other files are not missing, just not read again
        BuildSummary pass;
        released = write_files(writer, holders, manifest, again, observer, pass);
        // A file read again counts once, as updated.
        summary.unchanged -= std::min(summary.unchanged, pass.updated);
        summary.updated += pass.updated;
        add_passages_and_reports(summary, pass);
    }
}

// The settings and the build id, written last: a database whose settings say "done" is
// complete. Only what differs is written, so a run that changed nothing commits nothing and
// readers are not sent to reopen.
void write_settings(Writer& writer, const Manifest& manifest, const std::string& analyzer,
                    const std::string& actors_hash, const std::string& actors_tsv,
                    BuildSummary& summary) {
    Xapian::WritableDatabase& db = writer.db();
    std::string build_material;
    for (const auto& [file, entry] : manifest) build_material += file + '\0' + entry.hash + '\n';
    summary.build_id = text::hash_hex(build_material + analyzer + actors_hash);
    const std::pair<std::string_view, std::string> settings[] = {
        {schema::meta_schema, std::to_string(schema::version)},
        {schema::meta_analyzer, analyzer},
        {schema::meta_actors_hash, actors_hash},
        {schema::meta_actors, actors_tsv},
        {schema::meta_build_id, summary.build_id},
        {schema::meta_unfinished, ""},  // setting "" deletes the key
    };
    for (const auto& [key, value] : settings) {
        if (db.get_metadata(std::string(key)) != value) {
            writer.begin();
            db.set_metadata(std::string(key), value);
        }
    }
    writer.commit();
}

// Consecutive runs of files with about the same number of bytes each, one per part: parts are
// written at once, then compacted in order, so document ids follow file order as in one part.
std::vector<std::vector<InputFile>> split_by_size(const std::vector<InputFile>& files,
                                                  unsigned parts) {
    std::vector<std::uintmax_t> sizes(files.size());
    std::uintmax_t total = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        std::error_code ec;
        sizes[i] = fs::file_size(files[i].path, ec);
        if (ec) sizes[i] = 0;
        total += sizes[i];
    }
    const std::size_t count =
        std::max<std::size_t>(1, std::min<std::size_t>(std::max(1u, parts), files.size()));
    std::vector<std::vector<InputFile>> out(count);
    std::uintmax_t seen = 0;
    std::size_t part = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        // Move on once this part has its share, leaving at least one file per later part.
        const std::size_t left = files.size() - i;
        if (part + 1 < count && !out[part].empty() &&
            (seen * count >= total * (part + 1) || left <= count - part - 1)) {
            ++part;
        }
        out[part].push_back(files[i]);
        seen += sizes[i];
    }
    return out;
}

// Several parts report to one observer: lines one at a time, progress added up.
class PartProgress {
  public:
    PartProgress(BuildObserver& inner, std::size_t files_total, std::size_t parts)
        : m_inner(inner), m_files_total(files_total), m_done(parts), m_passages(parts) {}

    class Observer : public BuildObserver {
      public:
        Observer(PartProgress& shared, std::size_t part) : m_shared(shared), m_part(part) {}
        void warning(std::string_view line) override {
            std::lock_guard guard(m_shared.m_mutex);
            m_shared.m_inner.warning(line);
        }
        void note(std::string_view line) override {
            std::lock_guard guard(m_shared.m_mutex);
            m_shared.m_inner.note(line);
        }
        void progress(std::size_t done, std::size_t, std::size_t passages) override {
            std::lock_guard guard(m_shared.m_mutex);
            m_shared.m_done[m_part] = done;
            m_shared.m_passages[m_part] = passages;
            std::size_t all_done = 0, all_passages = 0;
            for (std::size_t d : m_shared.m_done) all_done += d;
            for (std::size_t p : m_shared.m_passages) all_passages += p;
            m_shared.m_inner.progress(all_done, m_shared.m_files_total, all_passages);
        }

      private:
        PartProgress& m_shared;
        std::size_t m_part;
    };

  private:
    std::mutex m_mutex;
    BuildObserver& m_inner;
    std::size_t m_files_total;
    std::vector<std::size_t> m_done;
    std::vector<std::size_t> m_passages;
};

void add_counts(BuildSummary& total, BuildSummary& part) {
    total.added += part.added;
    total.updated += part.updated;
    total.deleted += part.deleted;
    total.unchanged += part.unchanged;
    add_passages_and_reports(total, part);
}

// An article claimed by two files of different parts stays with the earlier file, as it does
// when one writer sees both: its passages leave the later part before the parts are compacted.
void drop_duplicates_across_parts(const std::vector<fs::path>& part_paths,
                                  std::vector<Manifest>& manifests, const std::string& shown,
                                  BuildObserver& observer, BuildSummary& summary) {
    std::map<std::string, std::string> owner;  // article id -> relative file
    const std::string file_prefix(schema::meta_file);
    for (std::size_t k = 0; k < manifests.size(); ++k) {
        std::optional<Writer> writer;
        for (auto& [file, entry] : manifests[k]) {
            bool changed = false;
            for (auto a = entry.articles.begin(); a != entry.articles.end();) {
                auto [it, inserted] = owner.emplace(*a, file);
                if (inserted || it->second == file) {
                    ++a;
                    continue;
                }
                if (!writer) writer.emplace(part_paths[k], shown, Clock::now(), SIZE_MAX);
                Xapian::WritableDatabase& db = writer->db();
                const std::string term = bounded_term(schema::article, *a);
                const std::size_t passages = db.get_termfreq(term);
                writer->begin();
                remove_spelling_of(db, term);
                db.delete_document(term);
                std::string line =
                    fmt::format("{}: duplicate article '{}' (already indexed from {}): skipped",
                                file, *a, it->second);
                observer.warning(line);
                summary.warnings.push_back(std::move(line));
                summary.passages -= std::min(summary.passages, passages);
                summary.articles -= std::min<std::size_t>(summary.articles, 1);
                entry.passages -= std::min(entry.passages, passages);
                entry.duplicates.push_back(*a);
                a = entry.articles.erase(a);
                changed = true;
            }
            if (changed) writer->db().set_metadata(file_prefix + file, encode_manifest(entry));
        }
        if (writer) writer->commit();
    }
}

// A full build: `files` are split into one part per job, each written by its own writer (and
// analysis thread) into "<db>.parts/part-K" without fsync, then the parts are compacted in
// order into "<db>.new", which gets the settings and is swapped in. A killed run leaves the
// parts, which the next run with the same settings and part count resumes.
void build_in_parts(const std::vector<InputFile>& files, const RunContext& run,
                    const fs::path& target, const std::string& shown,
                    const std::string& analyzer_description, const std::string& actors_hash,
                    const std::string& actors_tsv, BuildObserver& observer, BuildSummary& summary) {
    const BuildOptions& options = run.options;
    const fs::path parts_dir = sibling(target, ".parts");
    const fs::path fresh = sibling(target, ".new");
    const std::vector<std::vector<InputFile>> split = split_by_size(files, options.jobs);
    const std::size_t count = split.size();
    const std::string recipe =
        recipe_of(analyzer_description, actors_hash) + fmt::format("; parts {}", count);
    std::vector<fs::path> part_paths;
    for (std::size_t k = 0; k < count; ++k) {
        part_paths.push_back(parts_dir / fmt::format("part-{}", k));
    }

    std::error_code ec;
    if (fs::exists(parts_dir, ec)) {
        // Resumed by a build the user did not ask to start over (first build, new schema or
        // analyzer) with the same settings and part count; otherwise started again.
        bool resumable = !options.full;
        for (const auto& p : part_paths) {
            resumable = resumable && unfinished_recipe(p) == recipe;
        }
        if (resumable) {
            std::string line =
                fmt::format("resuming the interrupted rebuild in {}", parts_dir.string());
            observer.note(line);
            summary.notes.push_back(std::move(line));
        } else {
            fs::remove_all(parts_dir, ec);
            if (ec) {
                throw DatabaseError(shown, fmt::format("cannot remove the leftover {}: {}",
                                                       parts_dir.string(), ec.message()));
            }
        }
    }
    fs::create_directories(parts_dir, ec);
    if (ec) {
        throw DatabaseError(shown,
                            fmt::format("cannot create {}: {}", parts_dir.string(), ec.message()));
    }

    std::vector<Manifest> manifests(count);
    std::vector<BuildSummary> part_summaries(count);
    std::vector<std::exception_ptr> errors(count);
    std::atomic<bool> cancel{false};
    PartProgress progress(observer, files.size(), count);
    RunContext part_run = run;
    part_run.keep_missing = false;
    part_run.analysis_threads = std::max(1u, options.jobs / static_cast<unsigned>(count));
    part_run.cancel = &cancel;
    // Every part exists, marked with the recipe, before any is written: a kill at any later
    // moment leaves a set of parts the next run can resume.
    std::vector<std::unique_ptr<Writer>> writers;
    try {
        for (std::size_t k = 0; k < count; ++k) {
            // Unsynced: a crash of the machine (not of the process) can lose a part, and then
            // `check` fails on it and the next run starts again; the compacted result is synced.
            writers.push_back(std::make_unique<Writer>(part_paths[k], part_paths[k].string(),
                                                       Clock::now(), options.batch_passages,
                                                       Xapian::DB_NO_SYNC));
            Writer& writer = *writers.back();
            manifests[k] = read_manifest(writer.db());
            if (unfinished_recipe_of(writer.db()) != recipe) {
                writer.begin();
                writer.db().set_metadata(std::string(schema::meta_unfinished), recipe);
                writer.commit();
            }
        }
    } catch (const Xapian::Error& e) {
        throw DatabaseError(shown, xapian_reason(e) + "; the database was not replaced");
    }
    auto build_part = [&](std::size_t k) {
        try {
            Writer& writer = *writers[k];
            PartProgress::Observer part_observer(progress, k);
            catch_up_duplicates(writer, split[k], manifests[k], part_run, part_observer,
                                part_summaries[k],
                                write_files(writer, split[k], manifests[k], part_run, part_observer,
                                            part_summaries[k]));
            writer.commit();
            writer.db().close();
        } catch (...) {
            errors[k] = std::current_exception();
            cancel = true;
        }
    };
    {
        std::vector<std::thread> threads;
        for (std::size_t k = 1; k < count; ++k) threads.emplace_back(build_part, k);
        build_part(0);
        for (auto& t : threads) t.join();
    }
    writers.clear();  // closes every part, also those a failure left open
    // The first real failure, not a part that stopped because of it.
    for (int pass = 0; pass < 2; ++pass) {
        for (const auto& error : errors) {
            if (!error) continue;
            try {
                std::rethrow_exception(error);
            } catch (const BuildCancelled&) {
                if (pass == 1) throw DatabaseError(shown, "build cancelled");
            } catch (const Xapian::Error& e) {
                throw DatabaseError(shown, xapian_reason(e) + "; the database was not replaced");
            }
        }
    }
    for (auto& part : part_summaries) add_counts(summary, part);

    try {
        drop_duplicates_across_parts(part_paths, manifests, shown, observer, summary);
        Manifest manifest;
        for (auto& m : manifests) manifest.merge(m);

        Xapian::Database all;
        for (const auto& p : part_paths) all.add_database(Xapian::Database(p.string()));
        Xapian::Compactor compactor;  // renumbers each part's ids to follow the previous part's
        all.compact(fresh.string(), 0, 0, compactor);
        Writer writer(fresh, fresh.string(), Clock::now(), SIZE_MAX);
        write_settings(writer, manifest, analyzer_description, actors_hash, actors_tsv, summary);
        summary.total_passages = writer.db().get_doccount();
        writer.db().close();
    } catch (const Xapian::Error& e) {
        throw DatabaseError(shown, xapian_reason(e) + "; the database was not replaced");
    }
    swap_in(fresh, target, sibling(target, ".old"), shown);
    fs::remove_all(parts_dir, ec);
}

}  // namespace

BuildSummary build_index(const BuildOptions& options, BuildObserver& observer) {
    auto started = Clock::now();
    const auto deadline =
        started + std::chrono::milliseconds(static_cast<long long>(options.wait_seconds * 1000));
    BuildSummary summary;

    std::optional<Gazetteer> gazetteer;
    std::string actors_tsv;  // stored in the database, so queries resolve names without config
    if (!options.actors.empty()) {
        gazetteer = Gazetteer::load(options.actors);
        actors_tsv = read_whole_file(options.actors, std::size_t{1} << 30).value_or("");
    }
    const Gazetteer* gaz = gazetteer ? &*gazetteer : nullptr;
    const std::string actors_hash = gaz ? gaz->hash() : std::string("none");
    const std::string analyzer_description = options.analyzer.describe();
    Analyzer analyzer_check(options.analyzer);  // validates the language before any work

    // Paths we rename must not end in '/' ("db/" + ".new" is not a sibling).
    const std::string shown = options.db.string();
    fs::path target = fs::absolute(options.db).lexically_normal();
    if (!target.has_filename()) target = target.parent_path();
    std::error_code ec;
    if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);

    refuse_foreign(target, shown);  // before the lock file appears beside it
    WriteLock lock(target, shown, deadline, options.wait_seconds, observer);
    const fs::path fresh = sibling(target, ".new");
    const fs::path old = sibling(target, ".old");
    if (std::string note = recover_interrupted_swap(fresh, target, old); !note.empty()) {
        summary.notes.push_back(std::move(note));
    }

    std::vector<InputFile> files = collect_files(options.paths, summary, observer);
    summary.files = files.size();
    Plan plan = make_plan(options, target, shown, analyzer_description, actors_hash, summary);
    for (const auto& n : summary.notes) observer.note(n);

    RunContext run{.options = options,
                   .gazetteer = gaz,
                   .retag = plan.retag,
                   .keep_missing = options.keep_missing,
                   .analysis_threads = std::max(1u, options.jobs)};
    if (plan.full) {
        build_in_parts(files, run, target, shown, analyzer_description, actors_hash, actors_tsv,
                       observer, summary);
    } else {
        // Parts of a full build killed before this incremental run are of no use any more.
        fs::remove_all(sibling(target, ".parts"), ec);
        Writer writer(target, shown, deadline, options.batch_passages);
        try {
            Manifest manifest = read_manifest(writer.db());
            catch_up_duplicates(writer, files, manifest, run, observer, summary,
                                write_files(writer, files, manifest, run, observer, summary));
            write_settings(writer, manifest, analyzer_description, actors_hash, actors_tsv,
                           summary);
            summary.total_passages = writer.db().get_doccount();
            writer.db().close();
        } catch (const Xapian::Error& e) {
            // The transaction in progress is abandoned: the database keeps its last commit.
            throw DatabaseError(shown, xapian_reason(e) +
                                           "; the database keeps its last committed state, a "
                                           "rerun completes it");
        }
    }
    summary.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return summary;
}

CheckReport check_index(const fs::path& path) {
    const std::string shown = path.string();
    CheckReport report;
    {
        std::ostringstream out;
        try {
            std::size_t errors = Xapian::Database::check(path.string(), 0, &out);
            if (errors > 0) {
                report.problems.push_back(fmt::format("xapian-check found {} errors", errors));
            }
        } catch (const Xapian::DatabaseOpeningError&) {
            throw DatabaseError(shown, "no Dossier database here");
        } catch (const Xapian::Error& e) {
            report.problems.push_back("xapian-check: " + e.get_msg());
        }
    }
    const std::size_t structural = report.problems.size();
    constexpr int attempts = 10;  // a writer may commit while we read: start again
    for (int attempt = 1;; ++attempt) {
        report.problems.resize(structural);
        try {
            Xapian::Database db(path.string());
            auto problem = [&](std::string p) {
                if (report.problems.size() < structural + 50)
                    report.problems.push_back(std::move(p));
            };
            if (db.get_metadata(std::string(schema::meta_schema)) !=
                std::to_string(schema::version)) {
                problem(fmt::format("schema version '{}' is not this build's ({})",
                                    db.get_metadata(std::string(schema::meta_schema)),
                                    schema::version));
            }
            if (!db.get_metadata(std::string(schema::meta_unfinished)).empty()) {
                problem("an unfinished rebuild: run dossier-index again to complete it");
            }

            // The manifest, and who owns which article.
            const std::string file_prefix(schema::meta_file);
            std::map<std::string, std::pair<std::string, std::set<std::string>>> by_file_term;
            std::map<std::string, std::string> article_file;
            std::size_t manifest_passages = 0;
            report.files = 0;
            for (auto it = db.metadata_keys_begin(file_prefix);
                 it != db.metadata_keys_end(file_prefix); ++it) {
                const std::string file = (*it).substr(file_prefix.size());
                ++report.files;
                auto entry = decode_manifest(db.get_metadata(*it));
                if (!entry) {
                    problem(fmt::format("{}: manifest entry is not valid", file));
                    continue;
                }
                const std::string term = bounded_term(schema::file, file);
                const Xapian::doccount actual = db.get_termfreq(term);
                manifest_passages += entry->passages;
                if (actual != entry->passages) {
                    problem(fmt::format("{}: manifest says {} passages, database has {}", file,
                                        entry->passages, actual));
                }
                std::set<std::string> articles;
                for (const auto& a : entry->articles) {
                    if (auto [at, fresh] = article_file.emplace(a, file); !fresh) {
                        problem(fmt::format("article '{}' is claimed by {} and {}", a, at->second,
                                            file));
                    }
                    articles.insert(bounded_term(schema::article, a));
                }
                by_file_term[term] = {file, std::move(articles)};
            }
            if (manifest_passages != db.get_doccount()) {
                problem(fmt::format("manifest lists {} passages, database holds {}",
                                    manifest_passages, db.get_doccount()));
            }

            // Every passage: one unique id, a file and an article the manifest knows.
            std::uint64_t digest = 0;
            report.passages = 0;
            for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
                ++report.passages;
                const Xapian::docid id = *it;
                Xapian::Document doc = db.get_document(id);
                std::string material, qterm, fterm, aterm;
                int qterms = 0;
                for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
                    const std::string& term = *t;
                    material += fmt::format("{}:{} ", term, t.get_wdf());
                    if (term.rfind(schema::passage_id, 0) == 0) {
                        qterm = term;
                        ++qterms;
                    } else if (term.rfind(schema::file, 0) == 0) {
                        fterm = term;
                    } else if (term.rfind(schema::article, 0) == 0) {
                        aterm = term;
                    }
                }
                for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
                    material += fmt::format("|{}={}", v.get_valueno(), *v);
                }
                material += '\n';
                material += doc.get_data();
                // A sum is blind to the order documents were written in: same passages, same
                // digest, whatever the docids.
                digest += text::hash64(material);

                if (qterms != 1) {
                    problem(fmt::format("document {} has {} passage ids", id, qterms));
                } else if (db.get_termfreq(qterm) != 1) {
                    problem(fmt::format("passage id {} is on {} documents", qterm.substr(1),
                                        db.get_termfreq(qterm)));
                }
                auto owner = by_file_term.find(fterm);
                if (fterm.empty() || owner == by_file_term.end()) {
                    problem(fmt::format("document {} ({}) belongs to no file in the manifest", id,
                                        qterm));
                } else if (aterm.empty() || !owner->second.second.count(aterm)) {
                    problem(fmt::format("document {} ({}): its article is not one of {}'s", id,
                                        qterm, owner->second.first));
                }
            }
            report.digest = fmt::format("{:016x}", digest);
            return report;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == attempts) {
                throw DatabaseError(shown, "the database kept changing while being checked");
            }
        } catch (const Xapian::DatabaseOpeningError& e) {
            throw DatabaseError(shown, "cannot open: " + e.get_msg());
        } catch (const Xapian::Error& e) {
            report.problems.push_back(e.get_description());
            return report;
        }
    }
}

}  // namespace dossier

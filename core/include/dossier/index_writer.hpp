// Building and updating a Dossier database from a folder of articles: incremental, parallel,
// committed in a deterministic order; crash-safe at every step.
//
// What a reader or a crash can see (README "Rebuilds you can trust"):
// - An incremental run writes in place, in Xapian transactions that hold whole files: a kill
//   leaves the last committed state, each article entirely old or entirely new.
// - A full rebuild (and the first build) writes one part per job in "<db>.parts" (consecutive
//   files, written at once), compacts them in order into "<db>.new" and exchanges it with
//   "<db>" in one renameat2(RENAME_EXCHANGE): readers see the old or the new database, never
//   none. An interrupted first build or schema rebuild is resumed by the next run.
// - "<db>.lock" (flock) keeps a second dossier-index out for the whole run.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "dossier/actors.hpp"
#include "dossier/analyzer.hpp"
#include "dossier/errors.hpp"
#include "dossier/ingest.hpp"
#include "dossier/quotes.hpp"
#include "dossier/segment.hpp"

namespace dossier {

struct BuildOptions {
    std::vector<std::filesystem::path> paths;  // files or folders (searched recursively)
    std::filesystem::path db;
    std::filesystem::path actors;  // gazetteer TSV; empty = no actor tagging
    AnalyzerSettings analyzer;
    bool full = false;          // rebuild from scratch into a new database, then swap it in
    bool keep_missing = false;  // keep passages of files that disappeared
    unsigned jobs = 1;          // parts of a full build; analysis threads of an incremental one
    double wait_seconds = 0;    // how long to wait for another writer to finish; 0 = fail at once
    // Passages per transaction (commits fall between files). Small batches keep Xapian's
    // in-memory postings small: on SOTU 1000 took 10% less CPU and less than half the memory of
    // 5000 (docs/performance.md).
    std::size_t batch_passages = 1000;
    IngestLimits limits;
    SegmentOptions segment;
    // Sharding: this database keeps only the articles with shard_of(id, shard_count) ==
    // shard_index, so every article lands whole in exactly one shard.
    unsigned shard_index = 0;
    unsigned shard_count = 1;
};

/// The shard an article belongs to: a stable hash of its id (same on every machine and run).
unsigned shard_of(std::string_view article_id, unsigned shard_count);

/// Another process holds the database's write lock (and `wait_seconds` ran out).
class DatabaseLocked : public DatabaseError {
  public:
    DatabaseLocked(const std::string& path, const std::string& reason)
        : DatabaseError(path, reason), m_path(path), m_reason(reason) {}
    const std::string& path() const { return m_path; }
    const std::string& reason() const { return m_reason; }

  private:
    std::string m_path;
    std::string m_reason;
};

struct FileFailure {
    std::string file;
    std::string reason;
};

struct BuildSummary {
    std::size_t files = 0;      // files considered
    std::size_t added = 0;      // new files indexed
    std::size_t updated = 0;    // changed files re-indexed
    std::size_t deleted = 0;    // files gone from the corpus, passages removed
    std::size_t unchanged = 0;  // skipped: same content hash as indexed ("skipped" in JSON too)
    std::size_t ignored = 0;    // not an article format (extension)
    std::size_t articles = 0;   // articles written in this run
    std::size_t passages = 0;   // passages written in this run
    std::size_t total_passages = 0;     // passages in the database afterwards
    std::vector<FileFailure> failures;  // files not indexed, with the reason
    std::vector<std::string> warnings;  // "file: message": indexed, but something was off
    std::vector<std::string> notes;     // why a full rebuild or re-tagging happened
    double seconds = 0;
    std::string build_id;

    nlohmann::json to_json() const;
};

/// Receives what happens during a build; the app prints it, tests collect it.
class BuildObserver {
  public:
    virtual ~BuildObserver() = default;
    virtual void warning(std::string_view /*line*/) {}
    virtual void note(std::string_view /*line*/) {}
    virtual void progress(std::size_t /*files_done*/, std::size_t /*files_total*/,
                          std::size_t /*passages*/) {}
};

/// Builds or updates `options.db`. Throws DatabaseLocked when another writer holds it,
/// DatabaseError when it cannot be opened or written (the database keeps its last committed
/// state); bad input files are reported in the summary, never thrown.
BuildSummary build_index(const BuildOptions& options, BuildObserver& observer);

/// What `dossier-index check` finds: Xapian's structural check plus Dossier's invariants (every
/// passage has one unique id, its file and article are in the manifest, the manifest's passage
/// counts agree with the documents, no unfinished rebuild).
struct CheckReport {
    std::vector<std::string> problems;  // empty when the database is sound
    std::size_t passages = 0;
    std::size_t files = 0;
    /// Hash of every document's terms, values and data, independent of document ids and
    /// commit history: two databases with the same digest hold the same passages.
    std::string digest;
};

/// Checks the database at `db`. Throws DatabaseError when it cannot be opened at all.
CheckReport check_index(const std::filesystem::path& db);

/// Everything the indexer derives from one article, before it becomes Xapian documents.
struct AnalysedPassage {
    Passage passage;
    std::vector<std::string> actors;  // ids with ancestors, sorted, unique
    QuoteAttribution quote;
    std::string speaker_name;  // the speaker as users read it ("Department of Defense")
};

/// Segments, tags and attributes one article (pure: no database involved).
std::vector<AnalysedPassage> analyse_article(const Article& article, const Gazetteer* gazetteer,
                                             const SegmentOptions& segment_options);

/// The Xapian document for one passage, following schema.hpp.
Xapian::Document make_passage_document(const Article& article, const AnalysedPassage& passage,
                                       std::string_view file, const Analyzer& analyzer);

/// Unique id of a passage: "<article id>#<ordinal>".
std::string make_passage_id(std::string_view article_id, int ordinal);

/// The unique-id term for a passage id (hashed when too long for a Xapian term).
std::string passage_id_term(std::string_view passage_id);

}  // namespace dossier

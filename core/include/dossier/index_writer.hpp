// Building and updating a Dossier database from a folder of articles: incremental, one writer,
// files analysed in parallel and committed in a deterministic order.
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
    unsigned jobs = 1;          // analysis threads; the database writer is always one
    IngestLimits limits;
    SegmentOptions segment;
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
    std::size_t unchanged = 0;  // skipped: same content hash as indexed
    std::size_t ignored = 0;    // not an article format (extension)
    std::size_t articles = 0;   // articles written in this run
    std::size_t passages = 0;   // passages written in this run
    std::size_t total_passages = 0;  // passages in the database afterwards
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

/// Builds or updates `options.db`. Throws DatabaseError when the database cannot be opened or
/// written; bad input files are reported in the summary, never thrown.
BuildSummary build_index(const BuildOptions& options, BuildObserver& observer);

/// Everything the indexer derives from one article, before it becomes Xapian documents.
struct AnalysedPassage {
    Passage passage;
    std::vector<std::string> actors;  // ids with ancestors, sorted, unique
    QuoteAttribution quote;
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

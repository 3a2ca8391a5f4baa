// Running a search: query parsing with filters and field prefixes, ranking, collapse, sort,
// facets and highlights. Returns data; output.hpp renders it.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "dossier/actors.hpp"
#include "dossier/analyzer.hpp"
#include "dossier/explain.hpp"
#include "dossier/facets.hpp"
#include "dossier/highlight.hpp"
#include "dossier/spelling.hpp"

namespace dossier {

enum class SortOrder { relevance, newest, oldest };

struct SearchRequest {
    std::string query;        // Xapian query syntax plus our field prefixes
    bool match_any = false;   // default: every plain word is required
    bool plain_text = false;  // no operators or phrases: test-collection queries are prose
    Xapian::doccount offset = 0;
    Xapian::doccount limit = 10;
    std::string from;  // dates as typed ("2019", "2019-03", "2019-03-05"); "" = open
    std::string to;
    std::vector<std::string> actors;  // ids or names, all required
    std::string speaker;              // id or name; "" = any
    bool quotes_only = false;
    Xapian::doccount per_article = 0;  // 0 = no collapse
    SortOrder sort = SortOrder::relevance;
    std::vector<std::string> facets;
    bool facet_per_article = false;
    unsigned context = 0;     // passages of the same article shown before and after each hit
    bool explain = false;     // fill Hit::explanation
    bool spelling = false;    // fill SearchResult::corrections ("did you mean")
    bool expand = false;      // pseudo-relevance feedback (ranking.hpp)
    bool hit_details = true;  // false: hits carry rank, score, ids and paragraph only (eval)
};

/// A passage shown around a hit (`-C N`).
struct ContextPassage {
    std::string passage_id;
    int paragraph = 0;
    std::string kind;
    std::string text;
    std::optional<std::string> speaker;
};

struct Hit {
    Xapian::doccount rank = 0;  // 1-based, counting from the first result of the whole list
    double score = 0;
    std::string passage_id;
    std::string article_id;
    std::optional<std::string> date;  // "YYYY-MM-DD", "YYYY-MM", "YYYY"
    std::string title;
    std::string source;
    std::string url;
    std::string author;
    std::string heading;
    int paragraph = 0;
    std::size_t begin = 0;  // byte offsets of the passage in its source file
    std::size_t end = 0;
    std::string text;  // verbatim passage
    std::vector<ByteRange> highlights;
    std::vector<std::string> actors;
    std::string kind;
    std::optional<std::string> speaker;
    std::string speaker_name;            // display name stored at index time; "" when unknown
    std::vector<ContextPassage> before;  // nearest last
    std::vector<ContextPassage> after;   // nearest first
    std::optional<Explanation> explanation;
};

struct SearchResult {
    std::string query;
    Xapian::doccount total = 0;  // Xapian's estimate of all matches (exact with facets)
    bool fell_back_to_any = false;
    std::vector<Hit> hits;
    FacetCounts facets;
    std::string build_id;
    std::vector<SpellingCorrection> corrections;  // query words not in the corpus
};

class Searcher {
  public:
    /// Opens one database, or several searched as one (folders, stub files listing local or
    /// remote shards). Throws DatabaseError naming the shard that failed; with `allow_partial`,
    /// a shard that cannot be opened becomes a warning and the others are searched.
    explicit Searcher(const std::vector<std::string>& databases, bool allow_partial = false);

    /// Shards skipped under `allow_partial`, one line each.
    const std::vector<std::string>& warnings() const { return m_warnings; }

    /// Throws UsageError for an unparseable query, an unknown actor, facet or date.
    SearchResult search(const SearchRequest& request);

    /// The gazetteer stored in the database at build time; nullptr when built without one.
    const Gazetteer* gazetteer();
    /// Only the actors' names from that gazetteer (what output needs); nullptr without one.
    const ActorNames* actor_names();
    /// The actor id `name` (an id, a name, an alias, a demonym) stands for, as resolve_actor.
    std::string actor_id(std::string_view name);
    const Analyzer& analyzer() const { return *m_analyzer; }
    Xapian::Database& database() { return m_db; }

    /// Parses the query part of a request into the Xapian query that search() runs.
    Xapian::Query parse(const SearchRequest& request, bool match_any);

  private:
    std::vector<std::string> m_paths;
    std::vector<std::string> m_warnings;  // before m_db: filled while it is opened
    bool m_all_local = true;              // before m_db: no shard is remote
    Xapian::Database m_db;
    std::unique_ptr<Analyzer> m_analyzer;
    std::optional<Gazetteer> m_gazetteer;
    bool m_gazetteer_loaded = false;
    std::optional<ActorNames> m_actor_names;
};

/// Normalised speaker term value: the actor id when `gazetteer` resolves `name`, else the
/// lower-cased name.
std::string speaker_key(std::string_view name, const Gazetteer* gazetteer);

/// Resolves an actor id or name to its id; throws UsageError listing close matches.
std::string resolve_actor(std::string_view name, const Gazetteer* gazetteer);

}  // namespace dossier

// Rendering search results: text for people, JSON/JSONL/CSV/TREC for scripts, citation lines for
// papers, whole articles for `show`. Every writer reads the same SearchResult; none of them
// searches.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dossier/actors.hpp"
#include "dossier/searcher.hpp"

namespace dossier {

enum class OutputFormat { text, json, jsonl, csv, trec };

/// Throws UsageError listing the valid formats.
OutputFormat parse_format(std::string_view name);

struct RenderOptions {
    OutputFormat format = OutputFormat::text;
    bool color = false;          // ANSI colours (text only)
    bool wrap = false;           // text: passages wrapped to `width` with a hanging indent
    bool cite = false;           // text: one citation line per hit instead of the passage
    bool csv_header = true;      // csv: the header row (off for the 2nd query of a batch on)
    unsigned context = 0;        // -C N was asked: JSON carries a "context" key on every hit
    std::size_t width = 100;     // terminal columns for text and timelines
    std::string timeline;        // "", "year" or "month"
    std::string query_id = "1";  // batch query id: TREC qid, "query_id" in JSON/JSONL/CSV
    std::string run_id = "dossier";
    const ActorNames* actor_names = nullptr;  // display names of actors and speakers
};

/// One hit as a JSON object with the keys DESIGN.md lists, provenance (source, url, byte
/// offsets, build id, query, query id), its citation, and "context"/"explain" when asked for.
nlohmann::json hit_to_json(const Hit& hit, const SearchResult& result,
                           const RenderOptions& options = {});

/// A ready citation for a paper: speaker (or author), title, date, URL when known, passage id.
/// `Pentagon, "National Defense Strategy," 2026-01-24, https://example.org/nds [nds.txt#12]`
std::string citation(const Hit& hit, const ActorNames* actor_names);

/// The whole result in the requested format, ready to print.
std::string render(const SearchResult& result, const RenderOptions& options);

/// "did you mean" for the query words not in the corpus: the corrected query, "" when none.
std::string suggested_query(const SearchResult& result);

/// An article's passages in order (`dossier-query show`), the passage `marked` pointed out:
/// text (headings set apart, passages numbered, wrapped like hits) or one JSON object.
std::string render_article(const std::vector<Hit>& passages, std::string_view marked,
                           const RenderOptions& options);

/// A bar chart of counts per period (sorted by period), scaled to `width` columns.
std::string render_timeline(const std::map<std::string, Xapian::doccount>& counts,
                            std::size_t width, bool color);

/// One CSV field, quoted when it needs to be (RFC 4180).
std::string csv_field(std::string_view value);

}  // namespace dossier

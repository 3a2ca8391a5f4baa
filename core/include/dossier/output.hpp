// Rendering search results: text for people, JSON/JSONL/CSV/TREC for scripts. Every writer reads
// the same SearchResult; none of them searches.
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
    bool color = false;            // ANSI colours (text only)
    std::size_t width = 100;       // terminal columns for text and timelines
    std::string timeline;          // "", "year" or "month"
    std::string query_id = "1";    // TREC qid
    std::string run_id = "dossier";
    const Gazetteer* gazetteer = nullptr;  // display names of actors and speakers
};

/// One hit as a JSON object with the keys DESIGN.md lists (and provenance).
nlohmann::json hit_to_json(const Hit& hit, const SearchResult& result);

/// The whole result in the requested format, ready to print.
std::string render(const SearchResult& result, const RenderOptions& options);

/// A bar chart of counts per period (sorted by period), scaled to `width` columns.
std::string render_timeline(const std::map<std::string, Xapian::doccount>& counts,
                            std::size_t width, bool color);

/// One CSV field, quoted when it needs to be (RFC 4180).
std::string csv_field(std::string_view value);

}  // namespace dossier

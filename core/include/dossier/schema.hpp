// Every term prefix, value slot and metadata key of a Dossier database, in one place.
// Omega conventions: one capital letter is a standard prefix, our own start with X. No prefix is
// a prefix of another, so a term is never ambiguous.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace dossier::schema {

inline constexpr int version = 5;  // bump when anything below, or what it means, changes
// 2: Xapian's spelling table holds the passages' words (lower-case, unstemmed) for "did you mean".
// 3: title words are also unprefixed terms of every passage, ranking::title_weight times each.
// 5: day terms (D), so that date ranges are term filters (date_filter.hpp).

// Boolean terms (filters and bookkeeping).
inline constexpr std::string_view passage_id = "Q";  // unique passage id: key for replace_document
inline constexpr std::string_view article = "XR";    // article id: XR<id>
inline constexpr std::string_view file = "XF";       // source file (relative path) it came from
inline constexpr std::string_view actor = "XA";  // actor id, with its ancestors: XAUSA.DOD, XAUSA
inline constexpr std::string_view speaker =
    "XS";                                       // speaker of a quote: actor id or normalised name
inline constexpr std::string_view kind = "XK";  // paragraph | quote | heading
inline constexpr std::string_view year = "Y";   // YYYY
inline constexpr std::string_view month = "M";  // YYYYMM
inline constexpr std::string_view day = "D";    // YYYYMMDD as date_slot: "00" month/day unknown
inline constexpr std::string_view title = "S";  // title words (probabilistic, stemmed)

// Value slots.
inline constexpr Xapian::valueno date_slot = 0;     // "YYYYMMDD", month/day "00" when unknown
inline constexpr Xapian::valueno article_slot = 1;  // collapse key: best passage per article
inline constexpr Xapian::valueno actors_slot = 2;   // actor ids joined by '\t' (facets, no parsing)
inline constexpr Xapian::valueno speaker_slot = 3;  // speaker id or name, empty when none
inline constexpr Xapian::valueno kind_slot = 4;     // "paragraph" | "quote" | "heading"
inline constexpr Xapian::valueno facet_slot = 5;    // article, date, actors, speaker, kind joined
                                                    // by '\x1f': per-article facet counts
inline constexpr Xapian::valueno oldest_first_slot = 6;   // date_slot, or "~" when undated, so an
                                                          // ascending sort puts undated last
inline constexpr Xapian::valueno passage_order_slot = 7;  // "<article id>#<ordinal, 6 digits>":
                                                          // breaks score ties the same way in
                                                          // one database and in shards

// Database metadata keys.
inline constexpr std::string_view meta_schema = "dossier:schema";
inline constexpr std::string_view meta_analyzer = "dossier:analyzer";  // analyzer settings string
inline constexpr std::string_view meta_actors_hash = "dossier:actors-hash";
inline constexpr std::string_view meta_actors = "dossier:actors";      // the gazetteer TSV itself
inline constexpr std::string_view meta_build_id = "dossier:build-id";  // changes on every commit
// Only in the parts of a full build ("<db>.parts/part-K": the build's settings and part count,
// so that a killed run is resumed only by one with the same); removed before the swap.
inline constexpr std::string_view meta_unfinished = "dossier:unfinished";
inline constexpr std::string_view meta_file = "file:";  // file:<relative path> -> manifest entry

inline std::string term(std::string_view prefix, std::string_view value) {
    std::string t(prefix);
    t += value;
    return t;
}

}  // namespace dossier::schema

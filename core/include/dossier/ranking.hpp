// Ranking choices in one place: the BM25 parameters, the weight of title words and pseudo-relevance
// feedback. Each default was chosen with `dossier-query eval` on the training collections (CACM,
// CISI, CRAN) and only checked on the others (ADI, MED, NPL, LISA); tests/ranking/README.md has
// the tables, and the things measured and rejected (proximity bonus, summing passages).
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace dossier::ranking {

/// Within-passage frequency each title word adds to every passage of its article: the title
/// counts as four repetitions in the passage text (BM25F by repetition). Index time: changing it
/// changes what the index holds (schema::version).
inline constexpr Xapian::termcount title_weight = 4;

struct Options {
    double k1 = 1.8;  // BM25 term-frequency saturation
    double b = 0.45;  // BM25 length normalisation
    // Pseudo-relevance feedback (off unless `expand_terms` > 0): the best `expand_terms` terms of
    // Xapian's ESet over the best passages of the top `expand_docs` articles join the query, the
    // first with weight `expand_weight` and the others in proportion to their ESet weight.
    Xapian::termcount expand_terms = 0;
    Xapian::doccount expand_docs = 10;
    double expand_weight = 0.2;
};

/// The options every search uses; `expand` switches feedback on (`--expand`).
Options default_options(bool expand = false);

/// Sets the weighting scheme of `enquire`: BM25 with the options' k1 and b.
void configure(Xapian::Enquire& enquire, const Options& options);

/// The content terms of `query` in query order (prefixed filter and title terms left out).
std::vector<std::string> content_terms(const Xapian::Query& query);

/**
 * Pseudo-relevance feedback: runs `query` on `db` (best passage per article), takes the top
 * `expand_docs` articles as relevant and returns `query` with the ESet terms added. With `widen`
 * the new terms can match passages `query` did not (the query ORs its words); without, they only
 * reorder what `query` matches (every word required). Filters in `query` keep filtering. Returns
 * `query` unchanged when feedback is off or nothing matched.
 */
Xapian::Query expand(const Xapian::Database& db, const Xapian::Query& query, const Options& options,
                     bool widen);

}  // namespace dossier::ranking

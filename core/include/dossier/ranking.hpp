// Ranking choices in one place: the weighting scheme and its parameter, the weight of title words
// and pseudo-relevance feedback. Each default was chosen with `dossier-query eval` on the training
// collections (CACM, CISI, CRAN) and only checked on the others (ADI, MED, NPL, LISA);
// tests/ranking/README.md has the tables, and the things measured and rejected (proximity bonus,
// summing passages, the other weighting schemes).
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
    // IneB2 (divergence from randomness, Xapian's IneB2Weight): a passage's frequency of a word is
    // normalised to the average passage length, scaled by `c` (larger: long passages penalised
    // less), then weighed by how much more often the word occurs than chance would have it.
    // c = 1.5 is the best of a grid from 0.25 to 15 on the training collections' mean nDCG@10:
    // 0.4354, against 0.4361 for the BM25 it replaces (k1 1.8, b 0.45, chosen the same way).
    // Over the seven collections both are about 9.7% above the best baseline, but BM25 left MED
    // 1.3% below SQLite FTS5 and IneB2 leaves no collection below the best baseline (MED +0.9%;
    // every c from 0.75 to 3 keeps all seven within 1%).
    double c = 1.5;
    // Pseudo-relevance feedback (off unless `expand_terms` > 0): the best `expand_terms` terms of
    // Xapian's ESet over the best passages of the top `expand_docs` articles join the query, the
    // first with weight `expand_weight` and the others in proportion to their ESet weight.
    Xapian::termcount expand_terms = 0;
    Xapian::doccount expand_docs = 10;
    double expand_weight = 0.2;
};

/// The options every search uses; `expand` switches feedback on (`--expand`).
Options default_options(bool expand = false);

/// Sets the weighting scheme of `enquire`: IneB2 with the options' c.
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

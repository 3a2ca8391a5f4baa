// Why a hit scored what it did (`--explain`): its score split into the share of each query term,
// with the statistics the weighting scheme used (occurrences in the passage, passages holding the
// term, passage length). Xapian computes every share itself, with the weighting scheme of the
// search, so the shares add up to the score whatever the scheme's parameters.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace dossier {

class Analyzer;
struct Hit;

/// One part of a score: a query term, or a query part Xapian weighs as a whole (a synonym, a
/// wildcard, a scaled subquery such as a proximity bonus).
struct ScorePart {
    std::string label;  // the index term, or the query part in Xapian's notation
    std::string word;   // a word of the passage that produced the term ("" when none)
    bool is_term = false;
    double weight = 0;              // its share of the score
    unsigned occurrences = 1;       // times the part appears in the query (shares are summed)
    Xapian::termcount wdf = 0;      // occurrences in the passage (terms only)
    Xapian::doccount termfreq = 0;  // passages that hold the term (terms only)
};

struct Explanation {
    std::vector<ScorePart> parts;  // largest share first
    double sum = 0;                // sum of the shares: equals the score for AND/OR queries
    Xapian::termcount length =
        0;                      // passage length as the weighting sees it (words, title included)
    double average_length = 0;  // over the collection
    Xapian::doccount passages = 0;  // passages in the collection
};

/**
 * Fills `hit.explanation` of every hit. `enquire` is the one the hits came from: its query and
 * weighting scheme are reused, one small match per query part restricted to the hits' passages
 * (a one-term query gives exactly that term's share of the score). The enquire's query is
 * restored afterwards. `analyzer` maps terms back to the words of the passage.
 */
void explain_hits(Xapian::Enquire& enquire, const Xapian::Database& db, const Analyzer& analyzer,
                  std::vector<Hit>& hits);

}  // namespace dossier

// "Did you mean": the index keeps Xapian's spelling table of the corpus's words (lower-case, not
// stemmed, with their frequencies), and a query word that is not in the corpus gets the closest
// indexed spelling.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace dossier {

class Analyzer;

/// Word -> occurrences: what one passage (or article) adds to the spelling table.
using SpellingWords = std::map<std::string, Xapian::termcount>;

/// The words of `text` worth suggesting, split where the index splits words, lower-cased and
/// not stemmed: no numbers, no dotted acronyms, 2 to 40 bytes. Pure: index workers call it, the
/// single writer thread adds the result.
void collect_spelling_words(std::string_view text, SpellingWords& out);

/// Adds `words` to the database's spelling table.
void add_spelling_words(Xapian::WritableDatabase& db, const SpellingWords& words);

/// Takes the words of the passages holding `term` (a file or article term) out of the spelling
/// table; call it just before deleting those passages, so that an incremental rebuild leaves the
/// table as a full one would.
void remove_spelling_of(Xapian::WritableDatabase& db, const std::string& term);

struct SpellingCorrection {
    std::string word;        // as typed
    std::string suggestion;  // the indexed spelling
    std::size_t begin = 0;   // byte range of `word` in the query
    std::size_t end = 0;
};

/// Corrections for the words of `query` that are in neither the index nor its spelling table.
/// Operators (AND, OR, NOT, NEAR...), field values (`actor:KOR`), wildcards, numbers and words
/// under 4 letters are left alone. Empty when the database has no spelling table (an index built
/// before it existed, or a remote backend that cannot read it).
std::vector<SpellingCorrection> suggest_spelling(const Xapian::Database& db,
                                                 const Analyzer& analyzer, std::string_view query);

/// `query` with each correction's byte range replaced by its suggestion.
std::string apply_corrections(std::string_view query,
                              const std::vector<SpellingCorrection>& corrections);

}  // namespace dossier

// The one text analysis pipeline: indexing terms, parsing queries and finding highlight spans all
// go through here, so a word matches, ranks and lights up the same way everywhere.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace dossier {

struct AnalyzerSettings {
    std::string language = "english";  // a Snowball stemmer name, or "none"
    bool stopwords = true;             // drop stopwords from queries (never from the index)

    /// "language=english;stopwords=1": stored in the database, compared on every build.
    std::string describe() const;
    static AnalyzerSettings from_description(std::string_view description);
};

/// A word of a text with its byte range and the index term it produces.
struct Token {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string term;  // lower-cased and stemmed: what the index holds for this word
};

class Analyzer {
  public:
    /// Throws UsageError listing the available languages when `settings.language` is unknown.
    /// `remember_stems`: cache the stemmer's answers, for an analyzer that sees a whole corpus.
    explicit Analyzer(AnalyzerSettings settings = {}, bool remember_stems = false);
    // One per thread: the term generator and the stemmer's cache are not shared safely.
    Analyzer(const Analyzer&) = delete;
    Analyzer& operator=(const Analyzer&) = delete;

    const AnalyzerSettings& settings() const { return m_settings; }

    /// Adds the words of `text` to `doc` with positions (for phrases and NEAR).
    void index_text(Xapian::Document& doc, std::string_view text, Xapian::termcount weight = 1,
                    std::string_view prefix = {}) const;
    /// Adds words without positions (titles: ranking evidence, never phrase-searched).
    void index_text_without_positions(Xapian::Document& doc, std::string_view text,
                                      Xapian::termcount weight, std::string_view prefix) const;

    /// A QueryParser configured like the indexer (same stemmer, strategy and stopwords).
    Xapian::QueryParser make_query_parser() const;

    /// The index term for one word: `NATO`, `Nato` and `nato` give the same term.
    std::string term_for(std::string_view word) const;

    /// Words of `text` in order, with byte ranges, tokenised as the TermGenerator does.
    std::vector<Token> tokenize(std::string_view text) const;
    /// The same, but a word for which `wanted(word)` is false keeps an empty term (its stem is
    /// not worked out: stemming is most of the cost of tokenising a passage).
    std::vector<Token> tokenize(std::string_view text,
                                const std::function<bool(std::string_view)>& wanted) const;

    /// Letters every term of `word` starts with, lower-cased: in English the word's first two
    /// ASCII letters (Porter2 rewrites suffixes; of its exceptions only dying, lying and tying
    /// change the second letter, so a second 'y' is left out); without stemming the whole
    /// ASCII word; "" when unknown (other languages, letters beyond ASCII).
    std::string term_start(std::string_view word) const;

  private:
    AnalyzerSettings m_settings;
    Xapian::Stem m_stem;
    Xapian::SimpleStopper m_stopper;
    mutable Xapian::TermGenerator m_generator;
};

}  // namespace dossier

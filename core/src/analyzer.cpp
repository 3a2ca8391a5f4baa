#include "dossier/analyzer.hpp"

#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <unordered_map>

#include "dossier/errors.hpp"
#include "dossier/text.hpp"

namespace dossier {
namespace {

// Function words that carry no topic. Dropped from queries only: the index keeps every word so
// that phrases such as "balance of responsibility" still match exactly.
constexpr std::array<std::string_view, 64> english_stopwords = {
    "a",     "about", "an",   "and",   "are",   "as",   "at",   "be",    "been", "but",  "by",
    "can",   "could", "did",  "do",    "does",  "for",  "from", "had",   "has",  "have", "he",
    "her",   "his",   "how",  "i",     "if",    "in",   "into", "is",    "it",   "its",  "me",
    "my",    "of",    "on",   "or",    "our",   "she",  "so",   "such",  "than", "that", "the",
    "their", "them",  "then", "there", "these", "they", "this", "those", "to",   "was",  "we",
    "were",  "what",  "when", "which", "who",   "will", "with", "would", "you"};

// A Snowball stemmer that remembers its answers: text repeats its words, so most calls become a
// hash lookup. It pays over a whole corpus (indexing SOTU: 4% less CPU), not in a one-query
// process, where nearly every word is a miss (measured: a query 0.3 ms slower with it). One per
// Analyzer, like the TermGenerator beside it, so it needs no lock.
class CachingStem : public Xapian::StemImplementation {
  public:
    explicit CachingStem(const std::string& language) : m_stem(language) {}

    std::string operator()(const std::string& word) override {
        if (auto it = m_cache.find(word); it != m_cache.end()) return it->second;
        // Bounded: a corpus of numbers and names must not grow it without end.
        if (m_cache.size() >= max_entries) m_cache.clear();
        return m_cache.emplace(word, m_stem(word)).first->second;
    }
    std::string get_description() const override { return m_stem.get_description(); }

  private:
    static constexpr std::size_t max_entries = 1 << 17;
    Xapian::Stem m_stem;
    std::unordered_map<std::string, std::string> m_cache;
};

Xapian::Stem make_stemmer(const std::string& language, bool remember) {
    if (language == "none") return Xapian::Stem();
    try {
        return remember ? Xapian::Stem(new CachingStem(language)) : Xapian::Stem(language);
    } catch (const Xapian::InvalidArgumentError&) {
        throw UsageError("unknown language '" + language + "'; available: none " +
                         Xapian::Stem::get_available_languages());
    }
}

bool is_apostrophe(unsigned ch) {
    return ch == '\'' || ch == 0x2019;
}

bool is_ascii_upper(char c) {
    return c >= 'A' && c <= 'Z';
}

// An acronym as Xapian's TermGenerator sees one: capital letters each followed by a dot, at least
// two of them ("U.S.", "U.N."). Returns the end of the last dot and the letters.
std::optional<std::pair<std::size_t, std::string>> match_acronym(std::string_view text,
                                                                 std::size_t pos) {
    std::string letters;
    std::size_t i = pos;
    while (i + 1 < text.size() && is_ascii_upper(text[i]) && text[i + 1] == '.') {
        letters += text[i];
        i += 2;
    }
    if (letters.size() < 2) return std::nullopt;
    if (i < text.size() && std::isalnum(static_cast<unsigned char>(text[i]))) return std::nullopt;
    return std::make_pair(i, letters);
}

}  // namespace

std::string AnalyzerSettings::describe() const {
    return "language=" + language + ";stopwords=" + (stopwords ? "1" : "0");
}

AnalyzerSettings AnalyzerSettings::from_description(std::string_view description) {
    AnalyzerSettings s;
    std::size_t pos = 0;
    while (pos <= description.size()) {
        std::size_t end = description.find(';', pos);
        if (end == std::string_view::npos) end = description.size();
        std::string_view item = description.substr(pos, end - pos);
        std::size_t eq = item.find('=');
        if (eq != std::string_view::npos) {
            std::string_view key = item.substr(0, eq), value = item.substr(eq + 1);
            if (key == "language") s.language = std::string(value);
            if (key == "stopwords") s.stopwords = value == "1";
        }
        pos = end + 1;
    }
    return s;
}

Analyzer::Analyzer(AnalyzerSettings settings, bool remember_stems)
    : m_settings(std::move(settings)), m_stem(make_stemmer(m_settings.language, remember_stems)) {
    if (m_settings.stopwords && m_settings.language == "english") {
        for (auto w : english_stopwords) m_stopper.add(std::string(w));
    }
    m_generator.set_stemmer(m_stem);
    // STEM_ALL: one stemmed term per word, so letter case never changes what matches or how it
    // ranks, and wildcards expand over the same terms the index holds. Without a stemmer
    // (language "none") STEM_ALL would index no words at all: STEM_NONE gives the lower-cased
    // words.
    m_generator.set_stemming_strategy(m_stem.is_none() ? Xapian::TermGenerator::STEM_NONE
                                                       : Xapian::TermGenerator::STEM_ALL);
}

void Analyzer::index_text(Xapian::Document& doc, std::string_view text, Xapian::termcount weight,
                          std::string_view prefix) const {
    m_generator.set_document(doc);
    m_generator.index_text(std::string(text), weight, std::string(prefix));
    doc = m_generator.get_document();
}

void Analyzer::index_text_without_positions(Xapian::Document& doc, std::string_view text,
                                            Xapian::termcount weight,
                                            std::string_view prefix) const {
    m_generator.set_document(doc);
    m_generator.index_text_without_positions(std::string(text), weight, std::string(prefix));
    doc = m_generator.get_document();
}

Xapian::QueryParser Analyzer::make_query_parser() const {
    Xapian::QueryParser qp;
    qp.set_stemmer(m_stem);
    qp.set_stemming_strategy(m_stem.is_none() ? Xapian::QueryParser::STEM_NONE
                                              : Xapian::QueryParser::STEM_ALL);
    if (m_settings.stopwords) qp.set_stopper(&m_stopper);
    return qp;
}

std::string Analyzer::term_for(std::string_view word) const {
    std::string lower;
    for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator(); ++it) {
        unsigned ch = *it;
        if (ch == 0x2019) ch = '\'';
        Xapian::Unicode::append_utf8(lower, Xapian::Unicode::tolower(ch));
    }
    return m_stem(lower);
}

std::string Analyzer::term_start(std::string_view word) const {
    const bool english = m_settings.language == "english" && !m_stem.is_none();
    if (!english && !m_stem.is_none()) return {};
    const std::string_view letters = english ? word.substr(0, 2) : word;
    std::string start;
    for (char c : letters) {
        if ((c & 0x80) != 0) return start;  // beyond ASCII: the letters before are still kept
        start += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    if (english && start.size() == 2 && start[1] == 'y') start.pop_back();  // dying -> die
    return start;
}

std::vector<Token> Analyzer::tokenize(std::string_view text) const {
    return tokenize(text, [](std::string_view) { return true; });
}

std::vector<Token> Analyzer::tokenize(std::string_view text,
                                      const std::function<bool(std::string_view)>& wanted) const {
    std::vector<Token> tokens;
    const char* base = text.data();
    Xapian::Utf8Iterator it(text.data(), text.size()), end;
    while (it != end) {
        if (!Xapian::Unicode::is_wordchar(*it)) {
            ++it;
            continue;
        }
        std::size_t begin = it.raw() - base;
        if (auto acronym = match_acronym(text, begin)) {
            // U.S. and U.N.: the TermGenerator indexes the letters without the dots ("us").
            tokens.push_back({begin, acronym->first, term_for(acronym->second)});
            it = Xapian::Utf8Iterator(base + acronym->first, text.size() - acronym->first);
            continue;
        }
        std::size_t last = begin;
        while (it != end) {
            if (Xapian::Unicode::is_wordchar(*it)) {
                ++it;
                last = it.raw() - base;
                continue;
            }
            // An apostrophe between two word characters stays inside the word (Korea's), and
            // so does a '.' or ',' between digits (28,500 and 7.5), as in Xapian's TermGenerator.
            unsigned prev = static_cast<unsigned char>(base[last - 1]);
            bool numeric_separator = (*it == '.' || *it == ',') && prev >= '0' && prev <= '9';
            if (is_apostrophe(*it) || numeric_separator) {
                Xapian::Utf8Iterator next = it;
                ++next;
                bool continues =
                    next != end && (numeric_separator ? (*next >= '0' && *next <= '9')
                                                      : Xapian::Unicode::is_wordchar(*next));
                if (continues) {
                    it = next;
                    continue;
                }
            }
            break;
        }
        const std::string_view word = text.substr(begin, last - begin);
        tokens.push_back({begin, last, wanted(word) ? term_for(word) : std::string()});
    }
    return tokens;
}

}  // namespace dossier

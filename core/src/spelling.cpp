#include "dossier/spelling.hpp"

#include <cctype>

#include <nlohmann/json.hpp>

#include "dossier/analyzer.hpp"

namespace dossier {
namespace {

constexpr std::size_t min_word_bytes = 2;
constexpr std::size_t max_word_bytes = 40;
// Shorter query words are left alone: at edit distance 1 or 2 they resemble too many words.
constexpr std::size_t min_checked_letters = 4;

// Lower-cased, curly apostrophe made straight: the form the spelling table holds.
std::string lower_word(std::string_view word, std::size_t& letters) {
    std::string lower;
    letters = 0;
    for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator(); ++it) {
        unsigned ch = *it;
        if (ch == 0x2019) ch = '\'';
        Xapian::Unicode::append_utf8(lower, Xapian::Unicode::tolower(ch));
        ++letters;
    }
    return lower;
}

bool has_digit_or_dot(std::string_view word) {
    for (char c : word) {
        if ((c >= '0' && c <= '9') || c == '.') return true;
    }
    return false;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_operator(std::string_view chunk) {
    for (std::string_view op : {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"}) {
        if (chunk == op) return true;
    }
    return chunk.rfind("NEAR/", 0) == 0 || chunk.rfind("ADJ/", 0) == 0;
}

bool in_spelling_table(const Xapian::Database& db, const std::string& word) {
    Xapian::TermIterator it = db.spellings_begin();
    it.skip_to(word);
    return it != db.spellings_end() && *it == word;
}

}  // namespace

void collect_spelling_words(std::string_view text, SpellingWords& out) {
    // The index's word boundaries without its stemmer, which would cost as much again as indexing
    // the text: runs of word characters, an apostrophe inside a word kept (Korea's). A dot
    // between word characters (U.S., 7.5) or a digit makes a token that is never a suggestion.
    std::string word;
    bool skip = false;
    auto flush = [&] {
        if (!skip && word.size() >= min_word_bytes && word.size() <= max_word_bytes) ++out[word];
        word.clear();
        skip = false;
    };
    Xapian::Utf8Iterator it(text.data(), text.size()), end;
    while (it != end) {
        const unsigned ch = *it;
        if (Xapian::Unicode::is_wordchar(ch)) {
            if (ch >= '0' && ch <= '9') skip = true;
            Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
            ++it;
            continue;
        }
        if (!word.empty() && (ch == '\'' || ch == 0x2019 || ch == '.')) {
            Xapian::Utf8Iterator next = it;
            ++next;
            if (next != end && Xapian::Unicode::is_wordchar(*next)) {
                if (ch == '.') skip = true;
                word += ch == '.' ? '.' : '\'';
                it = next;
                continue;
            }
        }
        flush();
        ++it;
    }
    flush();
}

void add_spelling_words(Xapian::WritableDatabase& db, const SpellingWords& words) {
    for (const auto& [word, count] : words) db.add_spelling(word, count);
}

void remove_spelling_of(Xapian::WritableDatabase& db, const std::string& term) {
    SpellingWords words;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        auto data = nlohmann::json::parse(db.get_document(*it).get_data(), nullptr, false);
        if (data.is_object() && data.contains("text") && data["text"].is_string()) {
            collect_spelling_words(data["text"].get<std::string>(), words);
        }
    }
    // Xapian drops a word whose frequency reaches zero.
    for (const auto& [word, count] : words) db.remove_spelling(word, count);
}

std::vector<SpellingCorrection> suggest_spelling(const Xapian::Database& db,
                                                 const Analyzer& analyzer, std::string_view query) {
    std::vector<SpellingCorrection> corrections;
    try {
        std::size_t i = 0;
        const std::size_t n = query.size();
        while (i < n) {
            while (i < n && is_space(query[i])) ++i;
            if (i >= n) break;
            // A field (`actor:KOR`, `speaker:"the Pentagon"`) holds ids and names, not words.
            std::size_t j = i;
            while (j < n &&
                   (std::isalpha(static_cast<unsigned char>(query[j])) || query[j] == '_')) {
                ++j;
            }
            if (j > i && j < n && query[j] == ':') {
                ++j;
                if (j < n && query[j] == '"') {
                    std::size_t close = query.find('"', j + 1);
                    j = close == std::string_view::npos ? n : close + 1;
                }
                while (j < n && !is_space(query[j])) ++j;
                i = j;
                continue;
            }
            j = i;
            while (j < n && !is_space(query[j])) ++j;
            std::string_view chunk = query.substr(i, j - i);
            const std::size_t chunk_begin = i;
            i = j;
            if (is_operator(chunk) || chunk.find('*') != std::string_view::npos ||
                chunk.find("..") != std::string_view::npos) {
                continue;
            }
            for (const Token& t : analyzer.tokenize(chunk)) {
                std::string_view word = chunk.substr(t.begin, t.end - t.begin);
                if (has_digit_or_dot(word)) continue;
                std::size_t letters = 0;
                std::string lower = lower_word(word, letters);
                if (letters < min_checked_letters || word.size() > max_word_bytes) continue;
                if (db.term_exists(t.term) || in_spelling_table(db, lower)) continue;
                std::string suggestion = db.get_spelling_suggestion(lower, letters <= 5 ? 1 : 2);
                if (suggestion.empty() || suggestion == lower) continue;
                corrections.push_back(
                    {std::string(word), suggestion, chunk_begin + t.begin, chunk_begin + t.end});
            }
        }
    } catch (const Xapian::Error&) {
        return {};  // e.g. a remote backend without spelling support: no suggestion, no failure
    }
    return corrections;
}

std::string apply_corrections(std::string_view query,
                              const std::vector<SpellingCorrection>& corrections) {
    std::string out;
    std::size_t pos = 0;
    for (const auto& c : corrections) {
        if (c.begin < pos || c.end > query.size()) continue;
        out += query.substr(pos, c.begin - pos);
        out += c.suggestion;
        pos = c.end;
    }
    out += query.substr(pos);
    return out;
}

}  // namespace dossier

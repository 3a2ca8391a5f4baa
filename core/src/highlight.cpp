#include "dossier/highlight.hpp"

namespace dossier {

std::vector<ByteRange> highlight_ranges(std::string_view text, const std::set<std::string>& terms,
                                        const Analyzer& analyzer) {
    std::vector<ByteRange> ranges;
    if (terms.empty()) return ranges;
    // Wildcards ("korea*") match by prefix. A word whose term cannot start like any query term
    // or wildcard is not stemmed at all: its start is known without the stemmer
    // (Analyzer::term_start).
    std::vector<std::string> prefixes;
    std::set<std::string, std::less<>> starts;
    for (const auto& t : terms) {
        if (!t.empty() && t.back() == '*') {
            prefixes.push_back(t.substr(0, t.size() - 1));
            starts.insert(prefixes.back());
        } else {
            starts.insert(t);
        }
    }
    auto wanted = [&](std::string_view word) {
        const std::string start = analyzer.term_start(word);
        if (start.empty()) return true;
        auto after = starts.lower_bound(start);  // a query term starting with `start`
        if (after != starts.end() && after->compare(0, start.size(), start) == 0) return true;
        for (std::size_t n = 0; n < start.size(); ++n) {  // a shorter term or wildcard
            if (starts.count(std::string_view(start).substr(0, n)) > 0) return true;
        }
        return false;
    };
    for (const Token& token : analyzer.tokenize(text, wanted)) {
        if (token.term.empty()) continue;
        bool hit = terms.count(token.term) > 0;
        for (std::size_t i = 0; !hit && i < prefixes.size(); ++i) {
            hit = token.term.compare(0, prefixes[i].size(), prefixes[i]) == 0;
        }
        if (hit) ranges.emplace_back(token.begin, token.end);
    }
    return ranges;
}

}  // namespace dossier

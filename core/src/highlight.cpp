#include "dossier/highlight.hpp"

namespace dossier {

std::vector<ByteRange> highlight_ranges(std::string_view text, const std::set<std::string>& terms,
                                        const Analyzer& analyzer) {
    std::vector<ByteRange> ranges;
    if (terms.empty()) return ranges;
    std::vector<std::string> prefixes;
    for (const auto& t : terms) {
        if (!t.empty() && t.back() == '*') prefixes.push_back(t.substr(0, t.size() - 1));
    }
    for (const Token& token : analyzer.tokenize(text)) {
        bool hit = terms.count(token.term) > 0;
        for (std::size_t i = 0; !hit && i < prefixes.size(); ++i) {
            hit = token.term.compare(0, prefixes[i].size(), prefixes[i]) == 0;
        }
        if (hit) ranges.emplace_back(token.begin, token.end);
    }
    return ranges;
}

}  // namespace dossier

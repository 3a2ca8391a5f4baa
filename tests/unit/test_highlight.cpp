#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "dossier/highlight.hpp"

using namespace dossier;

namespace {

// The team's sample articles and words whose English stems are irregular: text to test on.
std::string sample_text() {
    std::string text =
        "dying lying tying skis skies idly gently ugly early only singly sky news howe atlas "
        "cosmos bias andes generously happy happiness cries ties as is a I us U.S. Korea's "
        "Korea’s co-operation 28,500 7.5 naïve Élysée façade ÜBER über yes yields youth ";
    for (const auto& entry : std::filesystem::directory_iterator(
             std::filesystem::path(DOSSIER_SOURCE_DIR) / "corpus" / "articles")) {
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream all;
        all << in.rdbuf();
        text += all.str();
    }
    return text;
}

AnalyzerSettings in_language(const char* language) {
    AnalyzerSettings settings;
    settings.language = language;
    return settings;
}

// Highlighting by stemming every word, as it was before words were filtered by their start.
std::vector<ByteRange> every_word(std::string_view text, const std::set<std::string>& terms,
                                  const Analyzer& a) {
    std::vector<ByteRange> ranges;
    for (const Token& t : a.tokenize(text)) {
        bool hit = terms.count(t.term) > 0;
        for (const auto& p : terms) {
            if (!hit && !p.empty() && p.back() == '*')
                hit = t.term.compare(0, p.size() - 1, p, 0, p.size() - 1) == 0;
        }
        if (hit) ranges.emplace_back(t.begin, t.end);
    }
    return ranges;
}

}  // namespace

TEST_SUITE("highlight") {
    TEST_CASE("ranges cover every form of a matched stem") {
        Analyzer a;
        std::string text = "Deterrence deters; the deterring power DETERS.";
        std::set<std::string> terms = {a.term_for("deters")};
        auto ranges = highlight_ranges(text, terms, a);
        std::vector<std::string> marked;
        for (auto [b, e] : ranges) marked.push_back(text.substr(b, e - b));
        CHECK(marked == std::vector<std::string>{"deters", "deterring", "DETERS"});
    }

    TEST_CASE("wildcard terms highlight by prefix") {
        Analyzer a;
        std::string text = "Korea and the Korean peninsula, not Kosovo.";
        auto ranges = highlight_ranges(text, {"korea*"}, a);
        REQUIRE(ranges.size() == 2);
        CHECK(text.substr(ranges[1].first, ranges[1].second - ranges[1].first) == "Korean");
    }

    TEST_CASE("a term starts with Analyzer::term_start of its word") {
        // What highlight_ranges relies on to skip stemming words that cannot match.
        const std::string text = sample_text();
        for (const char* language : {"english", "none", "french"}) {
            CAPTURE(language);
            const Analyzer a(in_language(language));
            std::size_t known = 0;
            for (const Token& t : a.tokenize(text)) {
                const std::string word = text.substr(t.begin, t.end - t.begin);
                if (word.find('.') != std::string::npos) continue;  // acronyms lose their dots
                const std::string start = a.term_start(word);
                CAPTURE(word);
                CHECK(t.term.compare(0, start.size(), start) == 0);
                if (!start.empty()) ++known;
            }
            CHECK((std::string(language) == "french") == (known == 0));
        }
        Analyzer english;
        CHECK(english.term_start("Dying") == "d");
        CHECK(english.term_start("Deterrence") == "de");
        CHECK(english.term_start("Élysée").empty());
    }

    TEST_CASE("filtering words by their start highlights what stemming every word does") {
        const std::string text = sample_text();
        for (const char* language : {"english", "none", "french"}) {
            CAPTURE(language);
            const Analyzer a(in_language(language));
            const std::vector<std::set<std::string>> queries = {
                {a.term_for("deterrence")},
                {a.term_for("dying"), a.term_for("skies")},
                {a.term_for("U.S."), a.term_for("Korea")},
                {a.term_for("naïve"), a.term_for("über")},
                {"a", a.term_for("alliance")},
                {"mari*", "t*"},
                {"*"},
            };
            for (const auto& terms : queries) {
                CHECK(highlight_ranges(text, terms, a) == every_word(text, terms, a));
            }
        }
    }

    TEST_CASE("no terms, no ranges") {
        Analyzer a;
        CHECK(highlight_ranges("anything at all", {}, a).empty());
    }
}

#include <doctest/doctest.h>

#include "dossier/highlight.hpp"

using namespace dossier;

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

    TEST_CASE("no terms, no ranges") {
        Analyzer a;
        CHECK(highlight_ranges("anything at all", {}, a).empty());
    }
}

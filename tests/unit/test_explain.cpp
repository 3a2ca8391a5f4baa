#include <doctest/doctest.h>

#include <filesystem>

#include "dossier/index_writer.hpp"
#include "dossier/searcher.hpp"
#include "support.hpp"

using namespace dossier;
namespace fs = std::filesystem;

namespace {

// tests/data/terminal (our own two articles) and the team's sample articles, in one database:
// enough passages for term statistics to differ.
const std::string& explain_db() {
    return test::built_database("explain", {"tests/data/terminal", "corpus/articles"});
}

SearchResult explained(const std::string& query, SearchRequest r = {}) {
    Searcher searcher({explain_db()});
    r.query = query;
    r.explain = true;
    r.limit = 20;
    return searcher.search(r);
}

}  // namespace

TEST_SUITE("explain") {
    TEST_CASE("the terms' shares add up to the score of AND and OR queries (#9)") {
        const struct {
            std::string_view query;
            bool any;
        } cases[] = {
            {"missile launches", false},
            {"missile launches", true},
            {"defence ministry budget", true},
            {"\"ballistic missiles\"", false},
            {"Pyongyang NOT budget", false},
            {"missile missile sea", true},  // a term twice in the query counts twice
        };
        for (const auto& c : cases) {
            CAPTURE(c.query);
            CAPTURE(c.any);
            SearchRequest r;
            r.match_any = c.any;
            SearchResult result = explained(std::string(c.query), r);
            REQUIRE_FALSE(result.hits.empty());
            for (const Hit& h : result.hits) {
                CAPTURE(h.passage_id);
                REQUIRE(h.explanation);
                const Explanation& e = *h.explanation;
                CHECK(e.sum == doctest::Approx(h.score).epsilon(1e-9));
                double total = 0;
                for (const ScorePart& p : e.parts) {
                    CHECK(p.is_term);
                    CHECK(p.weight > 0);
                    CHECK(p.wdf > 0);
                    CHECK(p.termfreq > 0);
                    total += p.weight;
                }
                CHECK(total == doctest::Approx(h.score).epsilon(1e-9));
                CHECK(e.length > 0);
                CHECK(e.passages > 0);
                CHECK(e.average_length > 0);
            }
        }
    }

    TEST_CASE("shares are BM25's: a rarer term weighs more at equal frequency") {
        SearchRequest any;
        any.match_any = true;
        SearchResult r = explained("Pyongyang sea", any);
        const Hit* both = nullptr;
        for (const Hit& h : r.hits) {
            if (h.explanation && h.explanation->parts.size() == 2) both = &h;
        }
        REQUIRE(both != nullptr);
        const ScorePart* pyongyang = nullptr;
        const ScorePart* sea = nullptr;
        for (const ScorePart& p : both->explanation->parts) {
            if (p.label == "pyongyang") pyongyang = &p;
            if (p.label == "sea") sea = &p;
        }
        REQUIRE(pyongyang != nullptr);
        REQUIRE(sea != nullptr);
        Xapian::Database db(explain_db());
        CHECK(pyongyang->termfreq == db.get_termfreq("pyongyang"));
        if (pyongyang->wdf == sea->wdf) {
            CHECK((pyongyang->termfreq < sea->termfreq) == (pyongyang->weight > sea->weight));
        }
        CHECK(both->explanation->parts.front().weight >= both->explanation->parts.back().weight);
    }

    TEST_CASE("the word of the passage is given for a stemmed term") {
        SearchResult r = explained("launches");
        REQUIRE_FALSE(r.hits.empty());
        REQUIRE(r.hits[0].explanation);
        const ScorePart& p = r.hits[0].explanation->parts.at(0);
        CHECK(p.label == "launch");
        CHECK((p.word == "launches" || p.word == "launch" || p.word == "launched"));
    }

    TEST_CASE("explaining leaves the search unchanged: same hits, scores and filters") {
        Searcher searcher({explain_db()});
        SearchRequest r;
        r.query = "missile defence";
        r.match_any = true;
        r.per_article = 1;
        r.limit = 5;
        SearchResult plain = searcher.search(r);
        r.explain = true;
        SearchResult with = searcher.search(r);
        REQUIRE(plain.hits.size() == with.hits.size());
        for (std::size_t i = 0; i < plain.hits.size(); ++i) {
            CHECK(plain.hits[i].passage_id == with.hits[i].passage_id);
            CHECK(plain.hits[i].score == with.hits[i].score);
            CHECK_FALSE(plain.hits[i].explanation);
            REQUIRE(with.hits[i].explanation);
            CHECK(with.hits[i].explanation->sum == doctest::Approx(with.hits[i].score));
        }
    }
}

#include <doctest/doctest.h>

#include <filesystem>

#include "dossier/errors.hpp"
#include "dossier/index_writer.hpp"
#include "dossier/searcher.hpp"
#include "support.hpp"

using namespace dossier;
namespace fs = std::filesystem;

namespace {
// One database of the bundled sample articles, built once for the whole suite.
const std::string& sample_db() {
    return test::built_database("searcher", {"corpus/articles"});
}

SearchResult run(const std::string& query, SearchRequest r = {}) {
    Searcher s({sample_db()});
    r.query = query;
    return s.search(r);
}
}  // namespace

TEST_SUITE("searcher") {
    TEST_CASE("all words are required by default") {
        auto r = run("satellite ships Indian");
        REQUIRE_FALSE(r.hits.empty());
        CHECK_FALSE(r.fell_back_to_any);
        for (const auto& h : r.hits) CHECK(h.article_id == "2025-03-14-quad-maritime.txt");
    }

    TEST_CASE("no passage with every word falls back to any word") {
        auto r = run("satellite interceptors");
        CHECK(r.fell_back_to_any);
        CHECK(r.hits.size() >= 2);
    }

    TEST_CASE("date filters accept partial dates") {
        SearchRequest req;
        req.from = "2024-11";
        req.to = "2025";
        auto r = run("defence", req);
        REQUIRE_FALSE(r.hits.empty());
        for (const auto& h : r.hits) {
            REQUIRE(h.date);
            CHECK(*h.date >= "2024-11");
            CHECK(*h.date <= "2025-12-31");
        }
    }

    TEST_CASE("sort by date puts undated last either way") {
        SearchRequest req;
        req.limit = 100;
        req.sort = SortOrder::newest;
        auto r = run("defence", req);
        for (std::size_t i = 1; i < r.hits.size(); ++i) {
            CHECK(r.hits[i - 1].date.value_or("") >= r.hits[i].date.value_or(""));
        }
        req.sort = SortOrder::oldest;
        r = run("defence", req);
        for (std::size_t i = 1; i < r.hits.size(); ++i) {
            CHECK(r.hits[i - 1].date.value_or("~") <= r.hits[i].date.value_or("~"));
        }
    }

    TEST_CASE("phrases and NOT work as in Xapian") {
        auto phrase = run("\"missile defence\"");
        REQUIRE_FALSE(phrase.hits.empty());
        auto without = run("defence NOT missile");
        for (const auto& h : without.hits) CHECK(h.text.find("missile") == std::string::npos);
    }

    TEST_CASE("collapse keeps the best passage per article") {
        SearchRequest req;
        req.per_article = 1;
        req.limit = 100;
        auto r = run("defence", req);
        std::set<std::string> articles;
        for (const auto& h : r.hits) CHECK(articles.insert(h.article_id).second);
    }

    TEST_CASE("bad dates in filters are usage errors naming the date") {
        SearchRequest req;
        req.from = "2024-13";
        try {
            run("defence", req);
            FAIL("expected UsageError");
        } catch (const UsageError& e) {
            CHECK(std::string(e.what()).find("2024-13") != std::string::npos);
        }
    }

    TEST_CASE("a missing database is a DatabaseError naming it") {
        CHECK_THROWS_AS(Searcher({"/nonexistent/dossier-db"}), DatabaseError);
    }
}

#include <doctest/doctest.h>

#include <filesystem>

#include "dossier/context.hpp"
#include "dossier/index_writer.hpp"
#include "dossier/searcher.hpp"
#include "support.hpp"

using namespace dossier;
namespace fs = std::filesystem;

namespace {

const std::string article = "2024-05-02-border-drills.txt";  // tests/data/terminal: 7 passages

const std::string& context_db() {
    return test::built_database("context", {"tests/data/terminal"});
}

}  // namespace

TEST_SUITE("context") {
    TEST_CASE("a passage by its id, and an article in order with its headings") {
        Xapian::Database db(context_db());
        auto p = find_passage(db, article + "#3");
        REQUIRE(p);
        CHECK(p->paragraph == 3);
        CHECK(p->text.rfind("Seoul answered", 0) == 0);
        CHECK(p->url == "https://example.org/dossier-tests/border-drills");
        CHECK_FALSE(find_passage(db, article + "#99"));
        CHECK_FALSE(find_passage(db, "nothing.txt#1"));

        auto all = article_passages(db, article);
        REQUIRE(all.size() == 7);
        for (std::size_t i = 0; i < all.size(); ++i) CHECK(all[i].paragraph == int(i) + 1);
        CHECK(all[0].kind == "heading");
        CHECK(all[0].text == "PYONGYANG LAUNCH");
        CHECK(all[4].kind == "heading");
        CHECK(article_passages(db, "nothing.txt").empty());
    }

    TEST_CASE("-C N: the passages around each hit, clipped at the article's ends") {
        Searcher searcher({context_db()});
        SearchRequest r;
        r.query = "Pyongyang";
        r.context = 2;
        r.limit = 10;
        SearchResult result = searcher.search(r);
        REQUIRE_FALSE(result.hits.empty());
        for (const Hit& h : result.hits) {
            CAPTURE(h.passage_id);
            auto all = article_passages(searcher.database(), h.article_id);
            const int n = static_cast<int>(all.size());
            CHECK(h.before.size() == std::size_t(std::min(2, h.paragraph - 1)));
            CHECK(h.after.size() == std::size_t(std::min(2, n - h.paragraph)));
            for (std::size_t i = 0; i < h.before.size(); ++i) {
                int expected = h.paragraph - static_cast<int>(h.before.size() - i);
                CHECK(h.before[i].paragraph == expected);  // nearest last
                CHECK(h.before[i].text == all[expected - 1].text);
            }
            for (std::size_t i = 0; i < h.after.size(); ++i) {
                CHECK(h.after[i].paragraph == h.paragraph + static_cast<int>(i) + 1);
            }
        }
        r.context = 0;
        for (const Hit& h : searcher.search(r).hits) {
            CHECK(h.before.empty());
            CHECK(h.after.empty());
        }
    }

    TEST_CASE("the article term is the one the index writer writes, long ids included") {
        Analyzer analyzer;
        for (std::string id : {std::string("short.txt"), std::string(300, 'x') + ".txt"}) {
            Article a;
            a.id = id;
            a.source = id;
            a.text = "Some words.";
            AnalysedPassage p;
            p.passage.begin = 0;
            p.passage.end = a.text.size();
            p.passage.ordinal = 1;
            Xapian::Document doc = make_passage_document(a, p, "f.txt", analyzer);
            bool found = false;
            for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
                if (*t == article_term(id)) found = true;
            }
            CAPTURE(id.size());
            CHECK(found);
            CHECK(article_term(id).size() < 245);
        }
    }
}

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <xapian.h>

#include "dossier/ranking.hpp"
#include "dossier/schema.hpp"

using namespace dossier;

namespace {

// A small in-memory collection: one passage per article, words as typed (no stemming).
struct Collection {
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};

    Xapian::docid add(const std::string& article, const std::string& text,
                      const std::string& filter = "") {
        Xapian::Document doc;
        Xapian::TermGenerator generator;
        generator.set_document(doc);
        generator.index_text(text);
        if (!filter.empty()) doc.add_boolean_term(filter);
        doc.add_value(schema::article_slot, article);
        doc.set_data(article);
        return db.add_document(doc);
    }
};

std::vector<std::string> ranked(Xapian::Database& db, const Xapian::Query& query,
                                const ranking::Options& options) {
    Xapian::Enquire enquire(db);
    ranking::configure(enquire, options);
    enquire.set_query(query);
    std::vector<std::string> ids;
    Xapian::MSet mset = enquire.get_mset(0, 100);
    for (auto it = mset.begin(); it != mset.end(); ++it)
        ids.push_back(it.get_document().get_data());
    return ids;
}

Xapian::Query any_of(std::initializer_list<const char*> words) {
    std::vector<Xapian::Query> terms;
    for (const char* w : words) terms.emplace_back(w);
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// Feedback material: five articles about radar and the sea share "frigate" and "sonar"; the
// query names neither.
Collection naval() {
    Collection c;
    c.add("a1", "radar coast frigate sonar patrol");
    c.add("a2", "radar coast frigate sonar harbour");
    c.add("a3", "radar frigate sonar escort");
    c.add("a4", "coast frigate sonar convoy");
    c.add("a5", "frigate sonar only");  // matches no query word
    c.add("a6", "budget parliament vote");
    c.add("a7", "budget parliament radar coast");  // both query words, off topic
    for (int i = 0; i < 20; ++i)
        c.add("f" + std::to_string(i), "weather report number " + std::to_string(i));
    return c;
}

}  // namespace

TEST_SUITE("ranking") {
    TEST_CASE("defaults are the measured ones, feedback only on request") {
        const ranking::Options o = ranking::default_options();
        CHECK(o.c == doctest::Approx(1.5));
        CHECK(o.expand_terms == 0);
        CHECK(ranking::default_options(true).expand_terms == 30);
        CHECK(ranking::title_weight == 4);
    }

    TEST_CASE("configure weighs with IneB2 of the options' c") {
        Collection c;
        c.add("short", "korea");
        c.add("long", "korea korea alliance treaty summit exercise seoul tokyo");
        for (int i = 0; i < 8; ++i) c.add("x" + std::to_string(i), "other words here");
        ranking::Options o;
        Xapian::Enquire enquire(c.db);
        ranking::configure(enquire, o);
        enquire.set_query(Xapian::Query("korea"));
        Xapian::MSet mset = enquire.get_mset(0, 10);
        REQUIRE(mset.size() == 2);
        // IneB2: N = 10 passages, n = 2 hold the word, F = 3 occurrences in all. The expected
        // number of passages holding it by chance gives the idf; the frequency is normalised to
        // the average length, then Bernoulli's after-effect (F + 1) / (n (tfn + 1)) scales it.
        const double N = 10, n = 2, F = 3, avg = c.db.get_avlength();
        const double idf = std::log2((N + 1) / (N * (1 - std::exp(-F / N)) + 0.5));
        auto expected = [&](double wdf, double len) {
            const double tfn = wdf * std::log2(1 + o.c * avg / len);
            return idf * tfn * (F + 1) / (n * (tfn + 1));
        };
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            const bool is_short = it.get_document().get_data() == "short";
            CAPTURE(it.get_document().get_data());
            CHECK(it.get_weight() == doctest::Approx(is_short ? expected(1, 1) : expected(2, 8)));
        }
    }

    TEST_CASE("content terms leave filters and prefixed terms out, in query order") {
        // Positions as the QueryParser gives them: "radar coast title:x actor:KOR".
        Xapian::Query words[] = {Xapian::Query("radar", 1, 1), Xapian::Query("coast", 1, 2),
                                 Xapian::Query("Stitle", 1, 3)};
        Xapian::Query q(Xapian::Query::OP_FILTER,
                        Xapian::Query(Xapian::Query::OP_OR, words, words + 3),
                        Xapian::Query("XAKOR"));
        CHECK(ranking::content_terms(q) == std::vector<std::string>{"radar", "coast"});
    }

    TEST_CASE("feedback is off by default and for a query without words") {
        Collection c = naval();
        const Xapian::Query q = any_of({"radar", "coast"});
        CHECK(ranking::expand(c.db, q, ranking::default_options(), true).serialise() ==
              q.serialise());
        const Xapian::Query filter_only("XAKOR");
        CHECK(
            ranking::expand(c.db, filter_only, ranking::default_options(true), true).serialise() ==
            filter_only.serialise());
        const Xapian::Query nothing_matches("zanzibar");
        CHECK(ranking::expand(c.db, nothing_matches, ranking::default_options(true), true)
                  .serialise() == nothing_matches.serialise());
    }

    TEST_CASE("feedback adds the words the best articles share") {
        Collection c = naval();
        ranking::Options o = ranking::default_options(true);
        o.expand_docs = 3;
        o.expand_terms = 2;
        o.expand_weight = 1.0;
        const Xapian::Query q = any_of({"radar", "coast"});
        const Xapian::Query widened = ranking::expand(c.db, q, o, true);
        const std::vector<std::string> terms = ranking::content_terms(widened);
        CHECK(std::count(terms.begin(), terms.end(), "frigate") == 1);
        CHECK(std::count(terms.begin(), terms.end(), "sonar") == 1);
        CHECK(std::count(terms.begin(), terms.end(), "radar") == 1);  // never added twice

        // Widened, a5 (no query word) is found; without widening the matches stay q's.
        const auto with = ranked(c.db, widened, o);
        CHECK(std::find(with.begin(), with.end(), "a5") != with.end());
        const auto before = ranked(c.db, q, o);
        auto narrow = ranked(c.db, ranking::expand(c.db, q, o, false), o);
        CHECK(narrow.size() == before.size());
        CHECK(std::find(narrow.begin(), narrow.end(), "a5") == narrow.end());
        // ...but they reorder: a7 (both words, off topic) falls behind a4 (one word, on topic).
        auto pos = [&](const std::vector<std::string>& v, const char* id) {
            return std::find(v.begin(), v.end(), id) - v.begin();
        };
        CHECK(pos(before, "a7") < pos(before, "a4"));
        CHECK(pos(narrow, "a4") < pos(narrow, "a7"));
    }

    TEST_CASE("feedback keeps filters filtering") {
        Collection c = naval();
        c.add("k1", "radar coast frigate sonar", "XAKOR");
        c.add("k2", "frigate sonar", "XAKOR");
        ranking::Options o = ranking::default_options(true);
        o.expand_docs = 3;
        const Xapian::Query q(Xapian::Query::OP_FILTER, any_of({"radar", "coast"}),
                              Xapian::Query("XAKOR"));
        const Xapian::Query widened = ranking::expand(c.db, q, o, true);
        CHECK(widened.get_type() == Xapian::Query::OP_FILTER);
        const auto ids = ranked(c.db, widened, o);
        CHECK(ids == std::vector<std::string>{"k1", "k2"});
    }
}

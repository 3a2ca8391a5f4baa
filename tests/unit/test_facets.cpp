#include <doctest/doctest.h>

#include <random>

#include "dossier/errors.hpp"
#include "dossier/facets.hpp"
#include "dossier/schema.hpp"

using namespace dossier;

namespace {
// A database of random passages with multi-valued actors, years and speakers.
Xapian::WritableDatabase random_database(unsigned seed, int n) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    std::mt19937 rng(seed);
    const char* actors[] = {"KOR", "PRK", "USA", "USA.DOD", "CHN", "JPN"};
    const char* words[] = {"deterrence", "alliance", "missile", "troops", "budget"};
    for (int i = 0; i < n; ++i) {
        Xapian::Document doc;
        std::string joined;
        for (int a = 0; a < 6; ++a) {
            if (rng() % 3 == 0) {
                joined += (joined.empty() ? "" : "\t");
                joined += actors[a];
            }
        }
        for (int w = 0; w < 5; ++w) {
            if (rng() % 2 == 0) doc.add_term(words[w]);
        }
        doc.add_value(schema::actors_slot, joined);
        doc.add_value(schema::date_slot, std::to_string(1950 + rng() % 10) + "0" +
                                             std::to_string(1 + rng() % 9) + "00");
        doc.add_value(schema::article_slot, "art" + std::to_string(i % 17));
        if (rng() % 4 == 0) doc.add_value(schema::speaker_slot, "USA.DOD");
        db.add_document(doc);
    }
    db.commit();
    return db;
}

FacetCounts brute_force(Xapian::Database& db, const Xapian::Query& q,
                        const std::vector<std::string>& facets, bool per_article) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
    std::map<std::string, std::map<std::string, std::set<std::string>>> articles;
    FacetCounts counts;
    for (auto it = all.begin(); it != all.end(); ++it) {
        Xapian::Document doc = it.get_document();
        for (const auto& f : facets) {
            for (const auto& v : facet_values(doc, f)) {
                ++counts[f][v];
                articles[f][v].insert(doc.get_value(schema::article_slot));
            }
        }
    }
    if (!per_article) return counts;
    FacetCounts out;
    for (auto& [f, values] : articles) {
        for (auto& [v, ids] : values) out[f][v] = ids.size();
    }
    return out;
}
}  // namespace

TEST_SUITE("facets") {
    TEST_CASE("facet counts equal a brute-force count over all matches") {
        Xapian::WritableDatabase db = random_database(42, 600);
        std::vector<std::string> facets = {"actor", "year", "month", "speaker"};
        for (bool per_article : {false, true}) {
            for (const char* word : {"deterrence", "missile", "budget"}) {
                CAPTURE(word);
                Xapian::Query q(word);
                FacetSpy spy(facets, per_article);
                Xapian::Enquire enquire(db);
                enquire.set_query(q);
                enquire.add_matchspy(&spy);
                enquire.get_mset(0, 10, db.get_doccount());
                CHECK(spy.counts() == brute_force(db, q, facets, per_article));
            }
        }
    }

    TEST_CASE("results merge across shards as if from one database") {
        Xapian::WritableDatabase db = random_database(7, 200);
        FacetSpy a({"actor"}, false), b({"actor"}, false), whole({"actor"}, false);
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query("alliance"));
        enquire.add_matchspy(&whole);
        enquire.get_mset(0, 10, db.get_doccount());
        // Split the same matches between two spies, then merge one into the other.
        int i = 0;
        Xapian::Enquire plain(db);
        plain.set_query(Xapian::Query("alliance"));
        Xapian::MSet all = plain.get_mset(0, db.get_doccount());
        for (auto it = all.begin(); it != all.end(); ++it, ++i) {
            (i % 2 ? a : b)(it.get_document(), 0);
        }
        a.merge_results(b.serialise_results());
        CHECK(a.counts() == whole.counts());
    }

    TEST_CASE("unknown facet is a usage error listing the valid ones") {
        CHECK_THROWS_AS(FacetSpy({"colour"}, false), UsageError);
    }

    TEST_CASE("the spy serialises its parameters") {
        FacetSpy spy({"actor", "year"}, true);
        Xapian::Registry registry;
        std::unique_ptr<Xapian::MatchSpy> copy(spy.unserialise(spy.serialise(), registry));
        CHECK(copy->serialise() == spy.serialise());
        CHECK(copy->name() == "dossier.FacetSpy");
    }
}

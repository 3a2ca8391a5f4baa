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
        std::string date =
            std::to_string(1950 + rng() % 10) + "0" + std::to_string(1 + rng() % 9) + "00";
        std::string article = "art" + std::to_string(i % 17);
        std::string speaker = rng() % 4 == 0 ? "USA.DOD" : "";
        doc.add_value(schema::actors_slot, joined);
        doc.add_value(schema::date_slot, date);
        doc.add_value(schema::article_slot, article);
        doc.add_value(schema::speaker_slot, speaker);
        doc.add_value(schema::facet_slot, facet_slot_value(article, date, joined, speaker, ""));
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
    for (const auto& f : facets) counts[f];  // asked-for facets are present even when empty
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
    for (const auto& f : facets) out[f];
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
                FacetCollector collector(facets, per_article);
                Xapian::Enquire enquire(db);
                enquire.set_query(q);
                collector.attach(enquire);
                enquire.get_mset(0, 10, db.get_doccount());
                CHECK(collector.counts() == brute_force(db, q, facets, per_article));
            }
        }
    }

    TEST_CASE("two shards searched as one count like one database") {
        Xapian::WritableDatabase a = random_database(7, 200), b = random_database(8, 300);
        Xapian::Database both;
        both.add_database(a);
        both.add_database(b);
        for (bool per_article : {false, true}) {
            FacetCollector collector({"actor", "year"}, per_article);
            Xapian::Enquire enquire(both);
            enquire.set_query(Xapian::Query("alliance"));
            collector.attach(enquire);
            enquire.get_mset(0, 10, both.get_doccount());
            CHECK(collector.counts() ==
                  brute_force(both, Xapian::Query("alliance"), {"actor", "year"}, per_article));
        }
    }

    TEST_CASE("unknown facet is a usage error listing the valid ones") {
        CHECK_THROWS_AS(FacetCollector({"colour"}, false), UsageError);
    }

    TEST_CASE("months need a known month; years do not") {
        Xapian::Document doc;
        doc.add_value(schema::date_slot, "19500000");
        CHECK(facet_values(doc, "year") == std::vector<std::string>{"1950"});
        CHECK(facet_values(doc, "month").empty());
    }
}

#include <doctest/doctest.h>

#include <filesystem>
#include <random>

#include "dossier/errors.hpp"
#include "dossier/facets.hpp"
#include "dossier/index_writer.hpp"
#include "dossier/schema.hpp"
#include "dossier/searcher.hpp"
#include "support.hpp"

using namespace dossier;
namespace fs = std::filesystem;

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

// The sample articles tagged with the sample gazetteer (actors, speakers, quotations), built once
// whole and once as two shards.
struct SampleDatabases {
    std::string whole, shard0, shard1;
};

const SampleDatabases& sample_databases() {
    static test::TempDir dir("facets");
    static const SampleDatabases built = [] {
        auto build = [](const fs::path& db, unsigned shard_index, unsigned shard_count) {
            BuildOptions options;
            for (const char* p : {"corpus/articles", "tests/data/articles"}) {
                options.paths.push_back(fs::path(DOSSIER_SOURCE_DIR) / p);
            }
            options.actors = fs::path(DOSSIER_SOURCE_DIR) / "corpus/actors.tsv";
            options.db = db;
            options.shard_index = shard_index;
            options.shard_count = shard_count;
            BuildObserver quiet;
            build_index(options, quiet);
            return db.string();
        };
        return SampleDatabases{build(dir.path / "whole", 0, 1), build(dir.path / "shard0", 0, 2),
                               build(dir.path / "shard1", 1, 2)};
    }();
    return built;
}

// Every facet counted the way the searcher counts: an unweighted pass over all matches, with
// our spy (`local`) or with Xapian's ValueCountMatchSpy. `passes` > 1 runs the same enquire
// again, which hands the spies the same documents again from the first.
FacetCounts count_all(const Xapian::Database& db, const Xapian::Query& query, bool per_article,
                      bool local, int passes = 1) {
    FacetCollector collector(facet_names(), per_article);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    collector.attach(enquire, local);
    for (int i = 0; i < passes; ++i) enquire.get_mset(0, 0, db.get_doccount());
    return collector.counts();
}

// Queries as the searcher parses them: everything, words, and words under filters.
std::vector<std::pair<std::string, Xapian::Query>> sample_queries(const std::string& db) {
    Searcher searcher({db});
    auto parse = [&](const std::string& words, const std::string& from,
                     std::vector<std::string> actors) {
        SearchRequest r;
        r.query = words;
        r.from = from;
        r.actors = std::move(actors);
        return searcher.parse(r, false);
    };
    return {{"everything", Xapian::Query::MatchAll},
            {"alliance", parse("alliance", "", {})},
            {"defence OR missile", parse("defence OR missile", "", {})},
            {"security from 2025", parse("security", "2025", {})},
            {"japan-tagged", parse("", "", {"JPN"})},
            {"nothing", parse("zzzunmatched", "", {})}};
}
// `facets` counted over the matches of `query` as the searcher counts them, through our spy
// (`local`) or Xapian's.
FacetCounts counted(const Xapian::Database& db, const Xapian::Query& query,
                    const std::vector<std::string>& facets, bool per_article, bool local) {
    FacetCollector collector(facets, per_article);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    collector.attach(enquire, local);
    enquire.get_mset(0, 10, db.get_doccount());
    return collector.counts();
}

}  // namespace

TEST_SUITE("facets") {
    TEST_CASE("facet counts equal a brute-force count over all matches") {
        Xapian::WritableDatabase db = random_database(42, 600);
        std::vector<std::string> facets = {"actor", "year", "month", "speaker"};
        for (bool per_article : {false, true}) {
            for (const char* word : {"deterrence", "missile", "budget"}) {
                for (bool local : {false, true}) {
                    CAPTURE(word);
                    CAPTURE(local);
                    const Xapian::Query q(word);
                    CHECK(counted(db, q, facets, per_article, local) ==
                          brute_force(db, q, facets, per_article));
                }
            }
        }
    }

    TEST_CASE("two shards searched as one count like one database") {
        Xapian::WritableDatabase a = random_database(7, 200), b = random_database(8, 300);
        Xapian::Database both;
        both.add_database(a);
        both.add_database(b);
        for (bool per_article : {false, true}) {
            for (bool local : {false, true}) {
                CAPTURE(local);
                const Xapian::Query q("alliance");
                CHECK(counted(both, q, {"actor", "year"}, per_article, local) ==
                      brute_force(both, q, {"actor", "year"}, per_article));
            }
        }
    }

    TEST_CASE("on a built database our spy counts what ValueCountMatchSpy counts") {
        const SampleDatabases& dbs = sample_databases();
        Xapian::Database db(dbs.whole);
        for (const auto& [name, query] : sample_queries(dbs.whole)) {
            for (bool per_article : {false, true}) {
                CAPTURE(name);
                CAPTURE(per_article);
                const FacetCounts ours = count_all(db, query, per_article, true);
                CHECK(ours == count_all(db, query, per_article, false));
                CHECK(ours.size() == facet_names().size());
                // Documents handed again from the first: counted again, as Xapian counts them.
                CHECK(count_all(db, query, per_article, true, 2) ==
                      count_all(db, query, per_article, false, 2));
            }
        }
        // The fixture exercises every facet: several values each, over everything.
        const FacetCounts all = count_all(db, Xapian::Query::MatchAll, false, true);
        for (const auto& facet : facet_names()) {
            CAPTURE(facet);
            CHECK(all.at(facet).size() >= 2);
        }
        CHECK(all.at("actor").at("JPN") >
              count_all(db, Xapian::Query::MatchAll, true, true).at("actor").at("JPN"));
    }

    TEST_CASE("two local shards searched as one count like the whole database") {
        const SampleDatabases& dbs = sample_databases();
        Xapian::Database whole(dbs.whole);
        Xapian::Database both;
        both.add_database(Xapian::Database(dbs.shard0));
        both.add_database(Xapian::Database(dbs.shard1));
        REQUIRE(both.get_doccount() == whole.get_doccount());
        REQUIRE(Xapian::Database(dbs.shard0).get_doccount() > 0);
        REQUIRE(Xapian::Database(dbs.shard1).get_doccount() > 0);
        for (const auto& [name, query] : sample_queries(dbs.whole)) {
            for (bool per_article : {false, true}) {
                CAPTURE(name);
                CAPTURE(per_article);
                const FacetCounts ours = count_all(both, query, per_article, true);
                CHECK(ours == count_all(both, query, per_article, false));
                CHECK(ours == count_all(whole, query, per_article, true));
            }
        }
    }

    TEST_CASE("a facet asked for twice is one table, counted once") {
        Xapian::WritableDatabase db = random_database(11, 200);
        for (bool per_article : {false, true}) {
            for (bool local : {false, true}) {
                CAPTURE(local);
                const Xapian::Query q("alliance");
                CHECK(counted(db, q, {"actor", "year", "actor"}, per_article, local) ==
                      brute_force(db, q, {"actor", "year"}, per_article));
            }
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

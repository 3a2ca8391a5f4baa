#include <doctest/doctest.h>

#include <set>

#include "dossier/date.hpp"
#include "dossier/date_filter.hpp"
#include "dossier/schema.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace dossier;

namespace {

using test::TempDir;
using test::write_file;

void build(const fs::path& corpus, const fs::path& db) {
    BuildOptions o;
    o.paths = {corpus};
    o.db = db;
    BuildObserver quiet;
    build_index(o, quiet);
}

std::set<Xapian::docid> matches(const Xapian::Database& db, const Xapian::Query& filter) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query::MatchAll, filter));
    std::set<Xapian::docid> ids;
    Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
    for (auto it = all.begin(); it != all.end(); ++it) ids.insert(*it);
    return ids;
}

Xapian::Query value_range(const std::string& lo, const std::string& hi) {
    if (lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::date_slot, hi);
    if (hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::date_slot, lo);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::date_slot, lo, hi);
}

bool uses_values(const Xapian::Query& q) {
    return q.get_description().find("VALUE_") != std::string::npos;
}

}  // namespace

TEST_SUITE("date_filter") {
    TEST_CASE("term filters match exactly the passages the value range matches") {
        TempDir dir;
        const fs::path corpus = dir.path / "corpus";
        // Day, month and year precision around year and month boundaries, a leap day, undated.
        const std::vector<std::string> dates = {
            "2019-12-31", "2020",       "2020-02",    "2020-02-10", "2020-02-29", "2020-03-01",
            "2020-12",    "2021-01-01", "2021-07-04", "2023",       "1999-06-15", ""};
        for (std::size_t i = 0; i < dates.size(); ++i) {
            std::string text = dates[i].empty() ? "" : "date: " + dates[i] + "\n\n";
            text += "The convoy number " + std::to_string(i) + " sailed at dawn.\n";
            write_file(corpus / ("a" + std::to_string(i) + ".txt"), text);
        }
        const fs::path path = dir.path / "db";
        build(corpus, path);
        Xapian::Database db(path.string());
        REQUIRE(db.get_doccount() == dates.size());

        const std::vector<std::string> bounds = {
            "",           "1999",       "2019-12-31", "2020",    "2020-01",    "2020-02",
            "2020-02-10", "2020-02-11", "2020-02-29", "2020-03", "2020-12-31", "2021",
            "2021-07-04", "2022",       "2023",       "2030"};
        for (const auto& from : bounds) {
            for (const auto& to : bounds) {
                if (from.empty() && to.empty()) continue;
                const std::string lo = from.empty() ? "" : range_lower_key(from);
                const std::string hi = to.empty() ? "" : range_upper_key(to);
                CAPTURE(from);
                CAPTURE(to);
                const Xapian::Query terms = date_range_query(db, schema::date_slot, lo, hi);
                CHECK_FALSE(uses_values(terms));
                CHECK(matches(db, terms) == matches(db, value_range(lo, hi)));
            }
        }
        // The undated passage is never in a range, even an open one.
        CHECK(matches(db, date_range_query(db, schema::date_slot, "", range_upper_key("2030")))
                  .size() == dates.size() - 1);
    }

    TEST_CASE("wide ranges and databases without day terms use the value range") {
        TempDir dir;
        const fs::path corpus = dir.path / "corpus";
        for (int year = 1800; year < 1800 + static_cast<int>(max_date_terms) + 2; ++year) {
            write_file(corpus / (std::to_string(year) + ".txt"),
                       "date: " + std::to_string(year) + "\n\nThe fleet wintered in port.\n");
        }
        const fs::path path = dir.path / "db";
        build(corpus, path);
        {
            Xapian::Database db(path.string());
            const std::string lo = range_lower_key("1800"), hi = range_upper_key("2100");
            const Xapian::Query wide = date_range_query(db, schema::date_slot, lo, hi);
            CHECK(uses_values(wide));
            CHECK(matches(db, wide).size() == max_date_terms + 2);
            const Xapian::Query narrow =
                date_range_query(db, schema::date_slot, lo, range_upper_key("1809"));
            CHECK_FALSE(uses_values(narrow));
            CHECK(matches(db, narrow).size() == 10);
        }
        {
            Xapian::WritableDatabase old(path.string());
            old.set_metadata(std::string(schema::meta_schema), "4");
            old.commit();
        }
        Xapian::Database db(path.string());
        const Xapian::Query q = date_range_query(db, schema::date_slot, range_lower_key("1800"),
                                                 range_upper_key("1809"));
        CHECK(uses_values(q));
        CHECK(matches(db, q).size() == 10);
    }
}

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "dossier/analyzer.hpp"
#include "dossier/index_writer.hpp"
#include "dossier/spelling.hpp"
#include "support.hpp"

using namespace dossier;
namespace fs = std::filesystem;

namespace {

using test::TempDir;
using test::write_file;

void build(const fs::path& corpus, const fs::path& db, bool full = false) {
    BuildOptions o;
    o.paths = {corpus};
    o.db = db;
    o.full = full;
    BuildObserver quiet;
    build_index(o, quiet);
}

std::map<std::string, Xapian::doccount> spelling_table(const fs::path& db_path) {
    Xapian::Database db(db_path.string());
    std::map<std::string, Xapian::doccount> table;
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
        table[*it] = it.get_termfreq();
    }
    return table;
}

// tests/data/terminal: two articles of our own that name Pyongyang.
const std::string& fixture_db() {
    static TempDir dir;
    static const std::string path = [] {
        fs::path p = dir.path / "db";
        build(fs::path(DOSSIER_SOURCE_DIR) / "tests" / "data" / "terminal", p);
        return p.string();
    }();
    return path;
}

}  // namespace

TEST_SUITE("spelling") {
    TEST_CASE("the words a passage adds: lower-case, unstemmed, no numbers or dotted acronyms") {
        SpellingWords words;
        collect_spelling_words(
            "Pyongyang's envoy met the U.S. envoy; 28,500 troops stay in Seoul. Korea’s F-35s "
            "7.5 e-mail 'quoted' ÉLYSÉE",
            words);
        CHECK(words["envoy"] == 2);
        CHECK(words["pyongyang's"] == 1);
        CHECK(words["korea's"] == 1);  // the curly apostrophe made straight
        CHECK(words["troops"] == 1);   // not the stem "troop"
        CHECK(words["seoul"] == 1);
        CHECK(words.count("u.s.") == 0);
        CHECK(words.count("28,500") == 0);
        CHECK(words.count("Seoul") == 0);
        CHECK(words["élysée"] == 1);
        CHECK(words["quoted"] == 1);
        CHECK(words["mail"] == 1);
        for (const char* absent : {"u.s", "u", "s", "f", "35s", "7.5", "e", "'quoted'"}) {
            CAPTURE(absent);
            CHECK(words.count(absent) == 0);
        }
    }

    TEST_CASE("a word not in the corpus gets the closest indexed spelling (#9)") {
        Xapian::Database db(fixture_db());
        Analyzer analyzer;
        auto c = suggest_spelling(db, analyzer, "Pyongyan missiles");
        REQUIRE(c.size() == 1);
        CHECK(c[0].word == "Pyongyan");
        CHECK(c[0].suggestion == "pyongyang");
        CHECK(c[0].begin == 0);
        CHECK(c[0].end == 8);
        CHECK(apply_corrections("Pyongyan missiles", c) == "pyongyang missiles");
        auto two = suggest_spelling(db, analyzer, "\"balistic missiles\" OR drils");
        REQUIRE(two.size() == 2);
        CHECK(apply_corrections("\"balistic missiles\" OR drils", two) ==
              "\"ballistic missiles\" OR drills");
    }

    TEST_CASE("known words, stems, operators, fields, wildcards and short words are left alone") {
        Xapian::Database db(fixture_db());
        Analyzer analyzer;
        const std::string_view queries[] = {
            "missile",  // its stem is indexed
            "PYONGYANG Missiles",
            "launches AND NOT drills",
            "actor:Pyongyan speaker:\"the Pyongyan ministry\"",
            "Pyongya*",
            "year:2020..2024",
            "the sea",
            "xqz",           // too short to guess
            "zzzzzzzzzzzz",  // nothing close
        };
        for (auto q : queries) {
            CAPTURE(q);
            CHECK(suggest_spelling(db, analyzer, q).empty());
        }
    }

    TEST_CASE("an incremental rebuild leaves the spelling table a full rebuild would") {
        TempDir dir;
        fs::path corpus = dir.path / "corpus";
        fs::create_directories(corpus);
        write_file(corpus / "a.txt",
                   "date 2024-01-01\n\nThe frigate sailed past the lighthouse.\n");
        write_file(corpus / "b.txt",
                   "date 2024-02-01\n\nThe destroyer refuelled at the harbour.\n");
        fs::path db = dir.path / "db";
        build(corpus, db);
        CHECK(spelling_table(db).count("lighthouse") == 1);

        // b changes, a goes away, c arrives.
        fs::remove(corpus / "a.txt");
        write_file(corpus / "b.txt", "date 2024-02-01\n\nThe destroyer refuelled at the pier.\n");
        write_file(corpus / "c.txt", "date 2024-03-01\n\nThe frigate returned to the harbour.\n");
        build(corpus, db);

        fs::path fresh = dir.path / "fresh";
        build(corpus, fresh, true);
        auto incremental = spelling_table(db);
        CHECK(incremental == spelling_table(fresh));
        CHECK(incremental.count("lighthouse") == 0);
        CHECK(incremental.count("pier") == 1);
        CHECK(incremental["the"] == 4);
    }
}

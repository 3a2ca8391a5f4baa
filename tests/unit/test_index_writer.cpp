#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "dossier/index_writer.hpp"
#include "dossier/schema.hpp"
#include "dossier/searcher.hpp"
#include "support.hpp"

using namespace dossier;
namespace fs = std::filesystem;

namespace {
using test::TempDir;
using test::write_file;

std::string fmt_name(int i) {
    std::string n = std::to_string(i);
    return "a" + std::string(3 - n.size(), '0') + n + ".txt";
}

class Quiet : public BuildObserver {};

// Stands for a kill -9: throws out of the build after `files` files were written, leaving the
// database as the last commit left it.
struct Killed : std::runtime_error {
    Killed() : std::runtime_error("killed") {}
};
class KillAfter : public BuildObserver {
  public:
    explicit KillAfter(std::size_t files) : m_files(files) {}
    void progress(std::size_t done, std::size_t, std::size_t) override {
        if (done == m_files) throw Killed();
    }

  private:
    std::size_t m_files;
};

// A corpus of `n` small dated articles of three paragraphs each.
void make_corpus(const fs::path& dir, int n, const std::string& extra = "") {
    for (int i = 0; i < n; ++i) {
        write_file(dir / fmt_name(i),
                   "date 2024-03-" + std::to_string(10 + i % 18) + "\n\nArticle " +
                       std::to_string(i) + " is about allied air defence.\n\nIt names radar " +
                       "number " + std::to_string(i * 7) + ".\n\n" + extra + "Final words.\n");
    }
}

BuildOptions options_for(const fs::path& corpus, const fs::path& db, unsigned jobs) {
    BuildOptions o;
    o.paths = {corpus};
    o.db = db;
    o.jobs = jobs;
    return o;
}

// Every passage's data and terms by passage id; with `ids`, its document id too.
std::map<std::string, std::string> dump(const fs::path& db_path, bool ids = false) {
    Xapian::Database db(db_path.string());
    std::map<std::string, std::string> docs;
    const std::string q(schema::passage_id);
    for (auto t = db.allterms_begin(q); t != db.allterms_end(q); ++t) {
        Xapian::Document doc = db.get_document(*db.postlist_begin(*t));
        std::string terms;
        for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
            terms += *it + ":" + std::to_string(it.get_wdf()) + " ";
        }
        docs[*t] =
            (ids ? std::to_string(doc.get_docid()) + "|" : "") + doc.get_data() + "|" + terms;
    }
    return docs;
}
}  // namespace

TEST_SUITE("index_writer") {
    const fs::path corpus = fs::path(DOSSIER_SOURCE_DIR) / "corpus" / "articles";

    TEST_CASE("schema and settings are stored in the database") {
        TempDir tmp;
        Quiet q;
        auto summary = build_index(options_for(corpus, tmp.path / "db", 1), q);
        CHECK(summary.added == 4);
        Xapian::Database db((tmp.path / "db").string());
        CHECK(db.get_metadata(std::string(schema::meta_schema)) == std::to_string(schema::version));
        CHECK(db.get_metadata(std::string(schema::meta_analyzer)) == AnalyzerSettings{}.describe());
        CHECK(db.get_metadata(std::string(schema::meta_build_id)) == summary.build_id);
        CHECK(db.get_doccount() == summary.total_passages);
    }

    TEST_CASE("one job or several give identical databases, document ids included") {
        TempDir tmp;
        Quiet q;
        make_corpus(tmp.path / "c", 9);
        for (unsigned jobs : {1u, 2u, 3u, 16u}) {
            build_index(options_for(corpus, tmp.path / ("a" + std::to_string(jobs)), jobs), q);
            build_index(options_for(tmp.path / "c", tmp.path / ("c" + std::to_string(jobs)), jobs),
                        q);
        }
        CHECK(dump(tmp.path / "a1").size() > 10);
        for (unsigned jobs : {2u, 3u, 16u}) {
            CAPTURE(jobs);
            CHECK(dump(tmp.path / "a1", true) ==
                  dump(tmp.path / ("a" + std::to_string(jobs)), true));
            CHECK(dump(tmp.path / "c1", true) ==
                  dump(tmp.path / ("c" + std::to_string(jobs)), true));
            CHECK(check_index(tmp.path / ("c" + std::to_string(jobs))).problems.empty());
        }
        CHECK_FALSE(fs::exists(tmp.path / "c2.parts"));
    }

    TEST_CASE("an article in two files is kept from the first, whichever part each is in") {
        TempDir tmp;
        Quiet q;
        // The same JSONL record in the first and the last file: with two jobs, two parts.
        const std::string record =
            R"({"id": "dup-1", "date": "2024-01-02", "text": "Shared.\n\nTwice."})";
        write_file(tmp.path / "c" / "a.jsonl", record + "\n");
        make_corpus(tmp.path / "c", 6);
        write_file(tmp.path / "c" / "z.jsonl", record + "\n");
        auto one = build_index(options_for(tmp.path / "c", tmp.path / "one", 1), q);
        auto two = build_index(options_for(tmp.path / "c", tmp.path / "two", 2), q);
        CHECK(one.warnings.size() == 1);
        CHECK(two.warnings == one.warnings);
        CHECK(two.passages == one.passages);
        CHECK(two.total_passages == one.total_passages);
        CHECK(check_index(tmp.path / "two").problems.empty());
        CHECK(check_index(tmp.path / "two").digest == check_index(tmp.path / "one").digest);
    }

    TEST_CASE("passage documents follow the schema") {
        Article article;
        article.id = "x.txt";
        article.source = "x.txt";
        article.title = "Alliance news";
        article.date = Date{2024, 5, 0};
        article.text = "The alliance met.\n\nIt agreed.";
        AnalysedPassage p;
        p.passage.begin = 0;
        p.passage.end = 17;
        p.passage.ordinal = 1;
        p.actors = {"KOR", "USA"};
        p.quote.speaker = "USA.DOD";
        p.quote.is_quote = true;
        p.passage.kind = PassageKind::quote;
        Analyzer analyzer;
        Xapian::Document doc = make_passage_document(article, p, "x.txt", analyzer);
        std::set<std::string> terms(doc.termlist_begin(), doc.termlist_end());
        for (const char* t : {"Qx.txt#1", "XRx.txt", "XFx.txt", "XAKOR", "XAUSA", "XSusa.dod",
                              "XKquote", "Y2024", "M202405", "allianc", "Sallianc"}) {
            CAPTURE(t);
            CHECK(terms.count(t) == 1);
        }
        CHECK(doc.get_value(schema::date_slot) == "20240500");
        CHECK(doc.get_value(schema::actors_slot) == "KOR\tUSA");
        CHECK(doc.get_value(schema::article_slot) == "x.txt");
    }

    TEST_CASE("over-long ids are hashed into valid terms") {
        std::string id(400, 'a');
        CHECK(passage_id_term(id).size() < 245);
        CHECK(passage_id_term(id) != passage_id_term(id + "b"));
    }

    TEST_CASE("a file that cannot be read keeps its previous passages") {
        TempDir tmp;
        fs::create_directories(tmp.path / "c");
        fs::copy(corpus / "2025-03-14-quad-maritime.txt", tmp.path / "c" / "a.txt");
        Quiet q;
        auto first = build_index(options_for(tmp.path / "c", tmp.path / "db", 1), q);
        std::ofstream(tmp.path / "c" / "a.txt", std::ios::trunc) << "";  // now empty: refused
        auto second = build_index(options_for(tmp.path / "c", tmp.path / "db", 1), q);
        CHECK(second.failures.size() == 1);
        CHECK(second.total_passages == first.total_passages);
    }
    TEST_CASE("a killed incremental run leaves whole files; a rerun equals a clean build") {
        TempDir tmp;
        make_corpus(tmp.path / "c", 12);
        Quiet q;
        auto options = options_for(tmp.path / "c", tmp.path / "db", 2);
        options.batch_passages = 1;  // commit after every file
        build_index(options, q);
        make_corpus(tmp.path / "c", 12, "A new paragraph on hypersonic missiles.\n\n");
        KillAfter kill(5);
        CHECK_THROWS_AS(build_index(options, kill), Killed);
        CheckReport after_kill = check_index(tmp.path / "db");
        CHECK(after_kill.problems.empty());
        Xapian::Database half((tmp.path / "db").string());
        const std::string marker = Xapian::Stem("english")("hypersonic");
        CHECK(half.get_termfreq(marker) == 5);  // five files new, seven old, none half

        auto rerun = build_index(options, q);
        CHECK(rerun.updated == 7);
        CHECK(rerun.unchanged == 5);
        build_index(options_for(tmp.path / "c", tmp.path / "clean", 1), q);
        CHECK(check_index(tmp.path / "db").digest == check_index(tmp.path / "clean").digest);
        CHECK(dump(tmp.path / "db") == dump(tmp.path / "clean"));
    }

    TEST_CASE("an article skipped as a duplicate is indexed when its owner lets it go") {
        TempDir tmp;
        Quiet q;
        const std::string alpha =
            R"({"id": "alpha", "date": "2024-01-02", "text": "Submarines patrol the strait."})";
        const std::string beta =
            R"({"id": "beta", "date": "2024-01-03", "text": "Radar sites were moved."})";
        for (unsigned jobs : {1u, 2u}) {
            CAPTURE(jobs);
            const fs::path dir = tmp.path / ("c" + std::to_string(jobs));
            write_file(dir / "a.jsonl", alpha + "\n" + beta + "\n");
            make_corpus(dir, 4);  // other files between them: with two jobs, two parts
            write_file(dir / "b.jsonl", alpha + "\n");
            const fs::path db = tmp.path / ("db" + std::to_string(jobs));
            auto first = build_index(options_for(dir, db, jobs), q);
            CHECK(first.warnings.size() == 1);
            // The owner drops the article: b.jsonl's copy must take its place.
            write_file(dir / "a.jsonl", beta + "\n");
            auto second = build_index(options_for(dir, db, jobs), q);
            CHECK(second.updated == 2);
            build_index(options_for(dir, tmp.path / ("clean" + std::to_string(jobs)), jobs), q);
            CHECK(check_index(db).problems.empty());
            CHECK(check_index(db).digest ==
                  check_index(tmp.path / ("clean" + std::to_string(jobs))).digest);
            // And when the owner disappears altogether.
            write_file(dir / "a.jsonl", alpha + "\n" + beta + "\n");
            build_index(options_for(dir, db, jobs), q);
            fs::remove(dir / "a.jsonl");
            build_index(options_for(dir, db, jobs), q);
            fs::remove_all(tmp.path / "clean");
            build_index(options_for(dir, tmp.path / "clean", jobs), q);
            CHECK(check_index(db).digest == check_index(tmp.path / "clean").digest);
        }
    }

    TEST_CASE("a killed first build leaves no database, and the next run resumes it") {
        TempDir tmp;
        make_corpus(tmp.path / "c", 10);
        auto options = options_for(tmp.path / "c", tmp.path / "db", 1);
        options.batch_passages = 1;
        KillAfter kill(4);
        CHECK_THROWS_AS(build_index(options, kill), Killed);
        CHECK_FALSE(fs::exists(tmp.path / "db"));  // appears complete or not at all
        CHECK(fs::exists(tmp.path / "db.parts"));
        Quiet q;
        auto rerun = build_index(options, q);
        REQUIRE(rerun.notes.size() == 1);
        CHECK(rerun.notes[0].find("resuming") != std::string::npos);
        CHECK(rerun.unchanged == 4);
        CHECK(rerun.added == 6);
        CHECK_FALSE(fs::exists(tmp.path / "db.new"));
        CHECK_FALSE(fs::exists(tmp.path / "db.parts"));
        CHECK(check_index(tmp.path / "db").problems.empty());
        build_index(options_for(tmp.path / "c", tmp.path / "clean", 1), q);
        CHECK(dump(tmp.path / "db") == dump(tmp.path / "clean"));
    }

    TEST_CASE("a killed build with two jobs resumes both parts") {
        TempDir tmp;
        make_corpus(tmp.path / "c", 10);
        auto options = options_for(tmp.path / "c", tmp.path / "db", 2);
        options.batch_passages = 1;
        KillAfter kill(5);
        CHECK_THROWS_AS(build_index(options, kill), Killed);
        CHECK_FALSE(fs::exists(tmp.path / "db"));
        Quiet q;
        auto rerun = build_index(options, q);
        REQUIRE(rerun.notes.size() == 1);
        CHECK(rerun.notes[0].find("resuming") != std::string::npos);
        CHECK(rerun.unchanged >= 3);
        CHECK(rerun.unchanged + rerun.added == 10);
        CHECK(check_index(tmp.path / "db").problems.empty());
        build_index(options_for(tmp.path / "c", tmp.path / "clean", 2), q);
        CHECK(check_index(tmp.path / "db").digest == check_index(tmp.path / "clean").digest);
    }

    TEST_CASE("a killed --full keeps the old database; --full again starts from scratch") {
        TempDir tmp;
        make_corpus(tmp.path / "c", 8);
        Quiet q;
        auto options = options_for(tmp.path / "c", tmp.path / "db", 1);
        options.batch_passages = 1;
        auto first = build_index(options, q);
        const auto before = dump(tmp.path / "db");
        options.full = true;
        KillAfter kill(3);
        CHECK_THROWS_AS(build_index(options, kill), Killed);
        CHECK(dump(tmp.path / "db") == before);
        auto again = build_index(options, q);
        CHECK(again.added == 8);  // not resumed: --full means from scratch
        CHECK(dump(tmp.path / "db") == before);
        CHECK_FALSE(fs::exists(tmp.path / "db.new"));
        CHECK_FALSE(fs::exists(tmp.path / "db.old"));
    }

    TEST_CASE("a swap interrupted between its two renames is completed by the next run") {
        // What the two-rename fallback (filesystems without RENAME_EXCHANGE) can leave behind.
        TempDir tmp;
        make_corpus(tmp.path / "c", 3);
        Quiet q;
        build_index(options_for(tmp.path / "c", tmp.path / "old-build", 1), q);
        make_corpus(tmp.path / "c", 4);
        build_index(options_for(tmp.path / "c", tmp.path / "new-build", 1), q);
        const auto newer = dump(tmp.path / "new-build");

        // Killed after "db" -> "db.old", before "db.new" -> "db": the new one goes in.
        fs::rename(tmp.path / "old-build", tmp.path / "db.old");
        fs::rename(tmp.path / "new-build", tmp.path / "db.new");
        auto summary = build_index(options_for(tmp.path / "c", tmp.path / "db", 1), q);
        CHECK(summary.unchanged == 4);
        CHECK(dump(tmp.path / "db") == newer);
        CHECK_FALSE(fs::exists(tmp.path / "db.old"));
        CHECK_FALSE(fs::exists(tmp.path / "db.new"));

        // Killed with "db.new" unfinished: the old one goes back.
        fs::rename(tmp.path / "db", tmp.path / "db.old");
        fs::create_directories(tmp.path / "db.new");
        auto restored = build_index(options_for(tmp.path / "c", tmp.path / "db", 1), q);
        CHECK(restored.unchanged == 4);
        CHECK(restored.notes.size() == 1);
        CHECK(dump(tmp.path / "db") == newer);
    }

    TEST_CASE("a second writer is refused while the lock is held") {
        TempDir tmp;
        make_corpus(tmp.path / "c", 2);
        Quiet q;
        build_index(options_for(tmp.path / "c", tmp.path / "db", 1), q);
        // flock() locks belong to an open file description: a second open conflicts even in
        // this process, as another dossier-index would.
        int fd = ::open((tmp.path / "db.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        REQUIRE(fd >= 0);
        REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
        try {
            build_index(options_for(tmp.path / "c", tmp.path / "db", 1), q);
            FAIL("no DatabaseLocked");
        } catch (const DatabaseLocked& e) {
            CHECK(e.path() == (tmp.path / "db").string());
            CHECK(e.reason().find("another dossier-index") != std::string::npos);
        }
        ::close(fd);
        CHECK(build_index(options_for(tmp.path / "c", tmp.path / "db", 1), q).unchanged == 2);
    }

    TEST_CASE("a folder that is not a database is never written or replaced") {
        TempDir tmp;
        make_corpus(tmp.path / "c", 2);
        write_file(tmp.path / "home" / "notes.txt", "mine");
        Quiet q;
        auto options = options_for(tmp.path / "c", tmp.path / "home", 1);
        CHECK_THROWS_AS(build_index(options, q), DatabaseError);
        options.full = true;
        CHECK_THROWS_AS(build_index(options, q), DatabaseError);
        CHECK(fs::exists(tmp.path / "home" / "notes.txt"));
        CHECK_FALSE(fs::exists(tmp.path / "home.lock"));
        // An empty folder is fine: `--db "$(mktemp -d)"`.
        fs::create_directories(tmp.path / "empty");
        CHECK(build_index(options_for(tmp.path / "c", tmp.path / "empty", 1), q).added == 2);
    }

    TEST_CASE("a file deleted after the walk is reported and the rest indexed") {
        TempDir tmp;
        make_corpus(tmp.path / "c", 40);
        // One analysis thread runs at most two files ahead of the writer, so the last file is
        // read long after the writer reported the first one.
        struct DeleteLast : BuildObserver {
            fs::path victim;
            void progress(std::size_t done, std::size_t, std::size_t) override {
                if (done == 1) fs::remove(victim);
            }
        } observer;
        observer.victim = tmp.path / "c" / fmt_name(39);
        auto summary = build_index(options_for(tmp.path / "c", tmp.path / "db", 1), observer);
        REQUIRE(summary.failures.size() == 1);
        CHECK(summary.failures[0].file == fmt_name(39));
        CHECK(summary.failures[0].reason.find("cannot read") != std::string::npos);
        CHECK(summary.added == 39);
    }

    TEST_CASE("a JSONL record moved to another file is not a duplicate") {
        TempDir tmp;
        write_file(tmp.path / "c" / "b.jsonl",
                   R"({"id": "r1", "date": "2024-01-01", "text": "Radar sites were moved."})"
                   "\n");
        Quiet q;
        build_index(options_for(tmp.path / "c", tmp.path / "db", 1), q);
        fs::rename(tmp.path / "c" / "b.jsonl", tmp.path / "c" / "a.jsonl");
        auto summary = build_index(options_for(tmp.path / "c", tmp.path / "db", 1), q);
        CHECK(summary.warnings.empty());
        CHECK(summary.deleted == 1);
        CHECK(summary.added == 1);
        CHECK(summary.total_passages == 1);
        CHECK(check_index(tmp.path / "db").problems.empty());
    }

    TEST_CASE("two folders with the same file name: the second is refused, not flip-flopped") {
        TempDir tmp;
        make_corpus(tmp.path / "x", 1);
        make_corpus(tmp.path / "y", 1);
        BuildOptions options = options_for(tmp.path / "x", tmp.path / "db", 1);
        options.paths.push_back(tmp.path / "y");
        Quiet q;
        auto summary = build_index(options, q);
        CHECK(summary.added == 1);
        CHECK(summary.failures.size() == 1);
        CHECK(build_index(options, q).unchanged == 1);
    }

    TEST_CASE("an unchanged rerun commits nothing") {
        TempDir tmp;
        make_corpus(tmp.path / "c", 3);
        Quiet q;
        build_index(options_for(tmp.path / "c", tmp.path / "db", 1), q);
        Xapian::Database reader((tmp.path / "db").string());
        const std::string uuid = reader.get_uuid();
        const Xapian::rev revision = reader.get_revision();
        build_index(options_for(tmp.path / "c", tmp.path / "db", 1), q);
        CHECK_FALSE(reader.reopen());  // no new revision: open readers are not disturbed
        CHECK(reader.get_revision() == revision);
        CHECK(reader.get_uuid() == uuid);
    }

    TEST_CASE("check finds a passage that went missing behind the manifest's back") {
        TempDir tmp;
        make_corpus(tmp.path / "c", 3);
        Quiet q;
        build_index(options_for(tmp.path / "c", tmp.path / "db", 1), q);
        CheckReport good = check_index(tmp.path / "db");
        CHECK(good.problems.empty());
        CHECK(good.passages == 9);
        CHECK(good.files == 3);
        {
            Xapian::WritableDatabase db((tmp.path / "db").string());
            db.delete_document(passage_id_term(make_passage_id(fmt_name(1), 2)));
            db.commit();
        }
        CheckReport bad = check_index(tmp.path / "db");
        CHECK(bad.problems.size() == 2);  // the file's count, and the total
        CHECK(bad.digest != good.digest);
        CHECK_THROWS_AS(check_index(tmp.path / "nothing-here"), DatabaseError);
    }
}

TEST_SUITE("index_writer") {
    TEST_CASE("an article's shard is stable and spreads articles over the shards") {
        CHECK(shard_of("anything", 1) == 0);
        CHECK(shard_of("2026-01-24-nds-korea.txt", 4) == shard_of("2026-01-24-nds-korea.txt", 4));
        std::vector<int> counts(4, 0);
        for (int i = 0; i < 400; ++i) ++counts[shard_of("article-" + std::to_string(i), 4)];
        for (int c : counts) CHECK(c > 60);
    }
    TEST_CASE("a searcher opened before rebuilds keeps answering, with the new content") {
        TempDir tmp;
        make_corpus(tmp.path / "c", 30);
        Quiet q;
        auto options = options_for(tmp.path / "c", tmp.path / "db", 1);
        options.batch_passages = 5;  // many commits: the reader's revision is soon overwritten
        build_index(options, q);
        Searcher searcher({(tmp.path / "db").string()});
        SearchRequest request;
        request.query = "radar";
        request.limit = 100;
        CHECK(searcher.search(request).hits.size() == 30);
        for (int round = 1; round <= 4; ++round) {
            CAPTURE(round);
            const std::string word = "round" + std::string(1, static_cast<char>('a' + round));
            make_corpus(tmp.path / "c", 30, "Paragraph " + word + " on radar upgrades.\n\n");
            build_index(options, q);
            request.query = word;
            SearchResult result;
            REQUIRE_NOTHROW(result = searcher.search(request));
            CHECK(result.hits.size() == 30);  // the new revision, not the one first opened
        }
    }
}

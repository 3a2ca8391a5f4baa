#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "dossier/index_writer.hpp"
#include "dossier/schema.hpp"

using namespace dossier;
namespace fs = std::filesystem;

namespace {
struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() /
               ("dossier-unit-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    static int& counter() {
        static int n = 0;
        return n;
    }
};

class Quiet : public BuildObserver {};

BuildOptions options_for(const fs::path& corpus, const fs::path& db, unsigned jobs) {
    BuildOptions o;
    o.paths = {corpus};
    o.db = db;
    o.jobs = jobs;
    return o;
}

std::map<std::string, std::string> dump(const fs::path& db_path) {
    Xapian::Database db(db_path.string());
    std::map<std::string, std::string> docs;
    const std::string q(schema::passage_id);
    for (auto t = db.allterms_begin(q); t != db.allterms_end(q); ++t) {
        Xapian::Document doc = db.get_document(*db.postlist_begin(*t));
        std::string terms;
        for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
            terms += *it + ":" + std::to_string(it.get_wdf()) + " ";
        }
        docs[*t] = doc.get_data() + "|" + terms;
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

    TEST_CASE("one thread or two give identical databases") {
        TempDir tmp;
        Quiet q;
        build_index(options_for(corpus, tmp.path / "one", 1), q);
        build_index(options_for(corpus, tmp.path / "two", 2), q);
        auto a = dump(tmp.path / "one"), b = dump(tmp.path / "two");
        CHECK(a.size() > 10);
        CHECK(a == b);
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
}

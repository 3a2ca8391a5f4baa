#include <doctest/doctest.h>

#include "dossier/analyzer.hpp"
#include "dossier/errors.hpp"

using namespace dossier;

TEST_SUITE("analyzer") {
    TEST_CASE("letter case never changes the term") {
        Analyzer a;
        CHECK(a.term_for("NATO") == a.term_for("nato"));
        CHECK(a.term_for("Allies") == a.term_for("allies"));
        CHECK(a.term_for("deterring") == a.term_for("deters"));
    }

    TEST_CASE("language none indexes the lower-cased words, and queries find them") {
        AnalyzerSettings settings;
        settings.language = "none";
        Analyzer a(settings);
        Xapian::Document doc;
        a.index_text(doc, "Missiles and Deterrence");
        std::vector<std::string> terms(doc.termlist_begin(), doc.termlist_end());
        CHECK(terms == std::vector<std::string>{"and", "deterrence", "missiles"});
        CHECK(a.term_for("Missiles") == "missiles");
        Xapian::Query q = a.make_query_parser().parse_query("Deterrence");
        CHECK(std::vector<std::string>(q.get_terms_begin(), q.get_terms_end()) ==
              std::vector<std::string>{"deterrence"});
    }

    TEST_CASE("tokens carry byte ranges into the text") {
        Analyzer a;
        std::string text = "Seoul’s budget rose 7.5 per cent, to 28,500 troops.";
        auto tokens = a.tokenize(text);
        REQUIRE(tokens.size() == 9);
        CHECK(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) == "Seoul’s");
        CHECK(tokens[0].term == a.term_for("seoul's"));
        CHECK(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin) == "7.5");
        CHECK(text.substr(tokens[7].begin, tokens[7].end - tokens[7].begin) == "28,500");
        CHECK(tokens[8].term == "troop");
    }

    TEST_CASE("tokenizer agrees with the TermGenerator on every word") {
        Analyzer a;
        std::string text =
            "The Pentagon's 25-page National Defense Strategy, U.S. forces; NATO’s "
            "Indo-Pacific allies (2026).";
        Xapian::Document doc;
        a.index_text(doc, text);
        for (const Token& t : a.tokenize(text)) {
            CAPTURE(t.term);
            auto it = doc.termlist_begin();
            it.skip_to(t.term);
            REQUIRE(it != doc.termlist_end());
            CHECK(*it == t.term);
        }
    }

    TEST_CASE("settings round trip through their description") {
        AnalyzerSettings s;
        s.language = "french";
        s.stopwords = false;
        auto back = AnalyzerSettings::from_description(s.describe());
        CHECK(back.language == "french");
        CHECK_FALSE(back.stopwords);
    }

    TEST_CASE("unknown language lists the available ones") {
        AnalyzerSettings s;
        s.language = "klingon";
        try {
            Analyzer a(s);
            FAIL("expected UsageError");
        } catch (const UsageError& e) {
            CHECK(std::string(e.what()).find("english") != std::string::npos);
        }
    }

    TEST_CASE("query parser stems like the indexer and drops stopwords") {
        Analyzer a;
        auto qp = a.make_query_parser();
        Xapian::Query q = qp.parse_query("the Deterring of Allies");
        std::set<std::string> terms(q.get_terms_begin(), q.get_terms_end());
        CHECK(terms == std::set<std::string>{a.term_for("deterring"), a.term_for("allies")});
    }
}

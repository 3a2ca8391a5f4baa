#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "dossier/errors.hpp"
#include "dossier/output.hpp"

using namespace dossier;

namespace {
SearchResult sample() {
    SearchResult r;
    r.query = "korea";
    r.total = 7;
    r.build_id = "abc";
    Hit h;
    h.rank = 1;
    h.score = 3.5;
    h.passage_id = "a.txt#2";
    h.article_id = "a.txt";
    h.date = "2026-01-24";
    h.title = "Title, with comma";
    h.source = "a.txt";
    h.paragraph = 2;
    h.text = "South Korea said \"yes\".\nThen more.";
    h.highlights = {{6, 11}};
    h.actors = {"KOR"};
    h.kind = "quote";
    h.speaker = "KOR.MND";
    r.hits.push_back(h);
    r.facets["year"]["2026"] = 7;
    return r;
}

RenderOptions options(OutputFormat format, bool color = false) {
    RenderOptions o;
    o.format = format;
    o.color = color;
    return o;
}
}  // namespace

TEST_SUITE("output") {
    TEST_CASE("jsonl carries the contract's keys") {
        auto j = nlohmann::json::parse(render(sample(), options(OutputFormat::jsonl)));
        CHECK(j["rank"] == 1);
        CHECK(j["passage_id"] == "a.txt#2");
        CHECK(j["date"] == "2026-01-24");
        CHECK(j["paragraph"] == 2);
        CHECK(j["highlights"] == nlohmann::json::parse("[[6,11]]"));
        CHECK(j["kind"] == "quote");
        CHECK(j["speaker"] == "KOR.MND");
        CHECK(j["text"] == sample().hits[0].text);
    }

    TEST_CASE("json is one object with total, hits and facets") {
        auto j = nlohmann::json::parse(render(sample(), options(OutputFormat::json)));
        CHECK(j["query"] == "korea");
        CHECK(j["total"] == 7);
        CHECK(j["hits"].size() == 1);
        CHECK(j["facets"]["year"]["2026"] == 7);
    }

    TEST_CASE("csv quotes fields with commas, quotes and newlines") {
        CHECK(csv_field("plain") == "plain");
        CHECK(csv_field("a,b") == "\"a,b\"");
        CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
        std::string csv = render(sample(), options(OutputFormat::csv));
        CHECK(csv.find("\"Title, with comma\"") != std::string::npos);
        CHECK(csv.rfind("rank,score,passage_id", 0) == 0);
    }

    TEST_CASE("text marks highlights only with colour") {
        std::string plain = render(sample(), options(OutputFormat::text));
        CHECK(plain.find("\x1b[") == std::string::npos);
        CHECK(plain.find("South Korea said \"yes\". Then more.") != std::string::npos);
        std::string colored = render(sample(), options(OutputFormat::text, true));
        CHECK(colored.find("\x1b[1;31mKorea\x1b[0m") != std::string::npos);
    }

    TEST_CASE("trec lines: qid Q0 docno rank score run") {
        RenderOptions o = options(OutputFormat::trec);
        o.query_id = "7";
        o.run_id = "r1";
        CHECK(render(sample(), o) == "7 Q0 a.txt#2 1 3.500000 r1\n");
    }

    TEST_CASE("timeline bars scale to the widest count") {
        std::map<std::string, Xapian::doccount> counts = {{"1950", 10}, {"1951", 5}, {"1952", 0}};
        std::string chart = render_timeline(counts, 40, false);
        auto lines = std::count(chart.begin(), chart.end(), '\n');
        CHECK(lines == 3);
        CHECK(chart.find("1950 10 ") != std::string::npos);
    }

    TEST_CASE("timeline shows empty periods between the first and the last") {
        std::string years = render_timeline({{"1950", 2}, {"1953", 1}}, 40, false);
        CHECK(std::count(years.begin(), years.end(), '\n') == 4);
        CHECK(years.find("1952 0") != std::string::npos);
        std::string months = render_timeline({{"2025-11", 2}, {"2026-02", 1}}, 40, false);
        CHECK(std::count(months.begin(), months.end(), '\n') == 4);
        CHECK(months.find("2026-01 0") != std::string::npos);
    }

    TEST_CASE("citation: speaker, title, date, URL when known, passage id") {
        Hit h = sample().hits[0];
        CHECK(citation(h, nullptr) == "KOR.MND, \"Title, with comma,\" 2026-01-24 [a.txt#2]");
        h.url = "https://example.org/a";
        h.speaker.reset();
        h.author = "Jane Roe";
        CHECK(citation(h, nullptr) ==
              "Jane Roe, \"Title, with comma,\" 2026-01-24, https://example.org/a [a.txt#2]");
        h.author.clear();
        h.date.reset();
        h.title.clear();
        CHECK(citation(h, nullptr) == "\"a.txt,\" undated, https://example.org/a [a.txt#2]");
    }

    TEST_CASE("--cite prints one citation line per hit") {
        RenderOptions o = options(OutputFormat::text);
        o.cite = true;
        std::string out = render(sample(), o);
        CHECK(out.rfind(citation(sample().hits[0], nullptr) + "\n", 0) == 0);
        CHECK(out.find("South Korea said") == std::string::npos);
    }

    TEST_CASE("csv rows carry provenance, the query id and the citation") {
        RenderOptions o = options(OutputFormat::csv);
        o.query_id = "q7";
        std::string csv = render(sample(), o);
        std::string header = csv.substr(0, csv.find('\n'));
        for (std::string_view column : {"passage_id", "article_id", "source", "url", "begin", "end",
                                        "date", "build_id", "query", "query_id", "citation"}) {
            CAPTURE(column);
            CHECK(("," + header + ",").find("," + std::string(column) + ",") != std::string::npos);
        }
        CHECK(csv.find(",q7,") != std::string::npos);
        CHECK(csv.find(csv_field(citation(sample().hits[0], nullptr))) != std::string::npos);
        o.csv_header = false;
        CHECK(render(sample(), o).rfind("1,3.5", 0) == 0);
    }

    TEST_CASE("jsonl hits carry the query id, the build id and the citation") {
        RenderOptions o = options(OutputFormat::jsonl);
        o.query_id = "q7";
        auto j = nlohmann::json::parse(render(sample(), o));
        CHECK(j["query_id"] == "q7");
        CHECK(j["build_id"] == "abc");
        CHECK(j["query"] == "korea");
        CHECK(j["citation"] == citation(sample().hits[0], nullptr));
        CHECK_FALSE(j.contains("context"));
        CHECK_FALSE(j.contains("explain"));
    }

    TEST_CASE("json carries the spelling suggestion, null when there is none") {
        SearchResult r = sample();
        auto j = nlohmann::json::parse(render(r, options(OutputFormat::json)));
        CHECK(j["suggestion"].is_null());
        r.query = "Pyongyan missiles";
        r.corrections.push_back({"Pyongyan", "pyongyang", 0, 8});
        j = nlohmann::json::parse(render(r, options(OutputFormat::json)));
        CHECK(j["suggestion"] == "pyongyang missiles");
        CHECK(j["corrections"][0]["word"] == "Pyongyan");
        CHECK(suggested_query(r) == "pyongyang missiles");
    }

    TEST_CASE("context passages: dimmed around the hit in text, a context key in JSON") {
        SearchResult r = sample();
        r.hits[0].before.push_back({"a.txt#1", 1, "paragraph", "Before text.", std::nullopt});
        r.hits[0].after.push_back({"a.txt#3", 3, "quote", "After text.", "KOR"});
        RenderOptions o = options(OutputFormat::text, true);
        o.context = 1;
        std::string text = render(r, o);
        auto before = text.find("¶1  \x1b[2mBefore text.\x1b[0m");
        auto hit = text.find("▶ ¶2  South");
        auto after = text.find("¶3  \x1b[2mAfter text.\x1b[0m");
        REQUIRE(before != std::string::npos);
        REQUIRE(hit != std::string::npos);
        REQUIRE(after != std::string::npos);
        CHECK(before < hit);
        CHECK(hit < after);

        o.format = OutputFormat::jsonl;
        auto j = nlohmann::json::parse(render(r, o));
        CHECK(j["context"]["before"][0]["passage_id"] == "a.txt#1");
        CHECK(j["context"]["after"][0]["speaker"] == "KOR");
    }

    TEST_CASE("text wraps passages to the width only when asked") {
        SearchResult r = sample();
        r.hits[0].text =
            std::string(30, 'a') + " " + std::string(30, 'b') + " " + std::string(30, 'c');
        r.hits[0].highlights.clear();
        RenderOptions o = options(OutputFormat::text);
        o.width = 50;
        std::string flat = render(r, o);
        CHECK(flat.find(std::string(30, 'a') + " " + std::string(30, 'b')) != std::string::npos);
        o.wrap = true;
        std::string wrapped = render(r, o);
        CHECK(wrapped.find("     " + std::string(30, 'a') + "\n     " + std::string(30, 'b') +
                           "\n") != std::string::npos);
    }

    TEST_CASE("explanation: each part in text, an explain key in JSON") {
        SearchResult r = sample();
        Explanation e;
        e.parts.push_back({"korea", "korea", true, 2.5, 1, 1, 40});
        e.parts.push_back({"north", "", true, 1.0, 1, 2, 90});
        e.sum = 3.5;
        e.length = 12;
        e.average_length = 20;
        e.passages = 500;
        r.hits[0].explanation = e;
        std::string text = render(r, options(OutputFormat::text));
        CHECK(text.find("explain: score 3.5000 = 3.5000 from 2 parts") != std::string::npos);
        CHECK(text.find("2.5000  korea") != std::string::npos);
        CHECK(text.find("not split by term") == std::string::npos);
        auto j = nlohmann::json::parse(render(r, options(OutputFormat::jsonl)));
        CHECK(j["explain"]["parts"].size() == 2);
        CHECK(j["explain"]["parts"][1]["termfreq"] == 90);
        CHECK(j["explain"]["sum"] == doctest::Approx(3.5));
        // A part Xapian did not split shows as the residual.
        r.hits[0].score = 4.0;
        CHECK(render(r, options(OutputFormat::text)).find("0.5000  (evidence not split by term)") !=
              std::string::npos);
    }

    TEST_CASE("an article in order, headings set apart, the passage marked") {
        std::vector<Hit> passages(3);
        for (int i = 0; i < 3; ++i) {
            passages[i].passage_id = "a.txt#" + std::to_string(i + 1);
            passages[i].article_id = "a.txt";
            passages[i].paragraph = i + 1;
            passages[i].title = "Title";
            passages[i].source = "a.txt";
            passages[i].kind = i == 0 ? "heading" : "paragraph";
            passages[i].text = "Text " + std::to_string(i + 1);
        }
        std::string text = render_article(passages, "a.txt#3", options(OutputFormat::text));
        CHECK(text.rfind("Title\nundated  a.txt\n\n", 0) == 0);
        CHECK(text.find("     ¶1  Text 1\n     ¶2  Text 2\n\n   ▶ ¶3  Text 3\n") !=
              std::string::npos);
        auto j =
            nlohmann::json::parse(render_article(passages, "a.txt#3", options(OutputFormat::json)));
        CHECK(j["marked"] == "a.txt#3");
        CHECK(j["passages"].size() == 3);
        CHECK(j["passages"][0]["kind"] == "heading");
        CHECK(render_article({}, "", options(OutputFormat::text)).empty());
    }

    TEST_CASE("unknown format lists the valid ones") {
        CHECK_THROWS_AS(parse_format("xml"), UsageError);
    }
}

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

    TEST_CASE("unknown format lists the valid ones") {
        CHECK_THROWS_AS(parse_format("xml"), UsageError);
    }
}

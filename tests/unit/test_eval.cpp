#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "dossier/errors.hpp"
#include "dossier/eval.hpp"

namespace {

namespace ev = dossier::eval;
namespace fs = std::filesystem;

const fs::path trec_dir = fs::path(DOSSIER_SHARED_DIR) / "data" / "trec_eval";

std::string four(double v) {
    return fmt::format("{:.4f}", v);
}

// The reason of the InputError thrown by f, or "" when it throws none.
template <typename F>
std::string input_error(F&& f) {
    try {
        f();
    } catch (const dossier::InputError& e) {
        return e.reason();
    }
    return "";
}

// Checks a report against one case of expected.json: every measure, overall and per query, as
// trec_eval prints it (%.4f), and no query more or less than trec_eval evaluated.
void check_against(const ev::Report& report, const nlohmann::json& expected_case) {
    const auto& per_query = expected_case.at("per_query");
    CHECK(report.per_query.size() == per_query.size());
    for (const auto& [qid, values] : per_query.items()) {
        CAPTURE(qid);
        auto it = report.per_query.find(qid);
        REQUIRE(it != report.per_query.end());
        for (const auto& [name, value] : values.items()) {
            CAPTURE(name);
            auto measure = ev::measure_from_name(name);
            REQUIRE(measure);
            CHECK(four(it->second.get(*measure)) == value.get<std::string>());
        }
    }
    if (expected_case.contains("all")) {
        for (const auto& [name, value] : expected_case.at("all").items()) {
            CAPTURE(name);
            CHECK(four(report.overall.get(*ev::measure_from_name(name))) ==
                  value.get<std::string>());
        }
    }
}

nlohmann::json load_expected() {
    std::ifstream in(trec_dir / "expected.json");
    return nlohmann::json::parse(in);
}

// Five judged documents for q1, graded; q2 judged but only non-relevant.
constexpr std::string_view small_qrels =
    "q1 0 d1 2\n"
    "q1 0 d2 1\n"
    "q1 0 d3 0\n"
    "q1 0 d4 1\n"
    "q2 0 d1 0\n";

// q1 retrieves d3 (rel 0), d1 (2), d5 (unjudged), d2 (1); d4 is never retrieved.
// q9 is not judged and must be ignored.
constexpr std::string_view small_run =
    "q1 Q0 d2 4 1.0 test\n"
    "q1 Q0 d3 1 3.0 test\n"
    "q1 Q0 d5 3 1.5 test\n"
    "q1 Q0 d1 2 2.0 test\n"
    "q2 Q0 d1 1 9.0 test\n"
    "q9 Q0 d1 1 9.0 test\n";

}  // namespace

TEST_SUITE("eval") {
    TEST_CASE("measures of a small graded query, computed by hand") {
        auto qrels = ev::parse_qrels(small_qrels, "qrels");
        auto run = ev::parse_run(small_run, "run");
        auto report = ev::evaluate(qrels, run);
        REQUIRE(report.per_query.size() == 2);  // q9 has no judgments
        const auto& m = report.per_query.at("q1");
        // Relevant at ranks 2 and 4 of 3 relevant documents.
        CHECK(m.map == doctest::Approx((1.0 / 2 + 2.0 / 4) / 3));
        CHECK(m.recip_rank == doctest::Approx(0.5));
        CHECK(m.p_10 == doctest::Approx(0.2));  // 2 relevant / 10, not / 4 retrieved
        CHECK(m.recall_100 == doctest::Approx(2.0 / 3));
        double dcg = 2 / std::log2(3.0) + 1 / std::log2(5.0);
        double idcg = 2 / std::log2(2.0) + 1 / std::log2(3.0) + 1 / std::log2(4.0);
        CHECK(m.ndcg_cut_10 == doctest::Approx(dcg / idcg));

        const auto& zero = report.per_query.at("q2");
        for (auto measure : ev::all_measures) CHECK(zero.get(measure) == 0.0);
        CHECK(report.overall.map == doctest::Approx(m.map / 2));
        CHECK(report.overall.ndcg_cut_10 == doctest::Approx(m.ndcg_cut_10 / 2));
    }

    TEST_CASE("cutoffs: P_10 and ndcg_cut_10 see 10 documents, recall_100 sees 100") {
        std::map<std::string, int> judged;
        std::vector<ev::RunEntry> ranking;
        for (int i = 0; i < 150; ++i) ranking.push_back({fmt::format("n{}", i), 150.0 - i});
        // Relevant documents at ranks 11 and 101: outside P_10 / recall_100 cutoffs.
        ranking[10].docno = "r11";
        ranking[100].docno = "r101";
        judged["r11"] = 1;
        judged["r101"] = 1;
        auto m = ev::evaluate_query(judged, ranking);
        CHECK(m.p_10 == 0.0);
        CHECK(m.ndcg_cut_10 == 0.0);
        CHECK(m.recall_100 == doctest::Approx(0.5));
        CHECK(m.recip_rank == doctest::Approx(1.0 / 11));
        CHECK(m.map == doctest::Approx((1.0 / 11 + 2.0 / 101) / 2));
    }

    TEST_CASE("negative grades count as unjudged, grade 0 as judged non-relevant") {
        std::map<std::string, int> judged = {{"a", -1}, {"b", 0}, {"c", 3}};
        auto m = ev::evaluate_query(judged, {{"a", 3}, {"b", 2}, {"c", 1}});
        CHECK(m.recip_rank == doctest::Approx(1.0 / 3));
        CHECK(m.map == doctest::Approx(1.0 / 3));
        CHECK(m.ndcg_cut_10 == doctest::Approx(1 / std::log2(4.0)));  // ideal: 3 at rank 1
    }

    TEST_CASE("ties rank by docno descending as byte strings, like trec_eval") {
        auto r = ev::ranked({{"10", 5.0}, {"9", 5.0}, {"7", 7.5}, {"3", 2.0}, {"30", 2.0}});
        std::vector<std::string> order;
        for (const auto& e : r) order.push_back(e.docno);
        CHECK(order == std::vector<std::string>{"7", "9", "10", "30", "3"});
        // The rank column is ignored: file order does not matter either.
        auto run = ev::parse_run("1 Q0 a 1 1 x\n1 Q0 b 2 2 x\n", "run");
        CHECK(ev::ranked(run.queries.at("1")).front().docno == "b");
    }

    TEST_CASE("missing queries: skip (trec_eval 9), zero (-c), fail (trec_eval 10)") {
        auto qrels = ev::parse_qrels("1 0 a 1\n2 0 b 1\n", "q.txt");
        auto run = ev::parse_run("1 Q0 a 1 1.0 x\n", "r.txt");
        auto skip = ev::evaluate(qrels, run);
        CHECK(skip.per_query.size() == 1);
        CHECK(skip.overall.map == doctest::Approx(1.0));

        auto zero = ev::evaluate(qrels, run, {ev::MissingQueries::zero});
        REQUIRE(zero.per_query.size() == 2);
        CHECK(zero.per_query.at("2").map == 0.0);
        CHECK(zero.overall.map == doctest::Approx(0.5));
        CHECK(zero.overall.recip_rank == doctest::Approx(0.5));

        try {
            ev::evaluate(qrels, run, {ev::MissingQueries::fail});
            FAIL("expected an InputError");
        } catch (const dossier::InputError& e) {
            CHECK(e.file() == "r.txt");
            CHECK(e.reason().find("query 2") != std::string::npos);
        }
    }

    TEST_CASE("an empty evaluation averages to zero, not NaN") {
        auto report = ev::evaluate(ev::parse_qrels("", "q"), ev::parse_run("", "r"));
        CHECK(report.per_query.empty());
        CHECK(report.overall.map == 0.0);
    }

    TEST_CASE("malformed qrels lines name the file and the line") {
        const struct {
            std::string_view text;
            std::string_view reason;
        } cases[] = {
            {"1 0 a 1\n1 0 b\n", "line 2: expected 4 fields"},
            {"1 0 a 1 extra\n", "line 1: expected 4 fields"},
            {"# comment\n\n1 0 a yes\n", "line 3: grade 'yes' is not an integer"},
            {"1 0 a 1.5\n", "line 1: grade '1.5' is not an integer"},
            {"1 0 a 1\n1 0 a 0\n", "line 2: document a judged twice for query 1"},
        };
        for (const auto& c : cases) {
            CAPTURE(c.text);
            std::string reason = input_error([&] { ev::parse_qrels(c.text, "bad.qrels"); });
            CHECK(reason.rfind(c.reason, 0) == 0);
        }
        CHECK(input_error([] { ev::parse_qrels("1 0 a 1\r\n2 Q0 b -1\r\n", "ok"); }).empty());
    }

    TEST_CASE("malformed run lines name the file and the line") {
        const struct {
            std::string_view text;
            std::string_view reason;
        } cases[] = {
            {"1 Q0 a 1 2.5\n", "line 1: expected 6 fields"},
            {"1 Q0 a 1 2.5 x\n1 Q0 b 2 high x\n", "line 2: score 'high' is not a number"},
            {"1 Q0 a 1 2.5 x\n1 Q0 b 2 2.5.1 x\n", "line 2: score '2.5.1' is not a number"},
            {"1 Q0 a 1 nan x\n", "line 1: score 'nan' is not a number"},
            {"1 Q0 a 1 2 x\n\n1 Q0 a 2 1 x\n", "line 3: document a retrieved twice for query 1"},
        };
        for (const auto& c : cases) {
            CAPTURE(c.text);
            std::string reason = input_error([&] { ev::parse_run(c.text, "bad.run"); });
            CHECK(reason.rfind(c.reason, 0) == 0);
        }
        // Extra columns after the run id are ignored, as trec_eval does; the last run id is kept.
        auto run = ev::parse_run("1 Q0 a 1 -2e-3 first extra\n1 Q0 b 2 +4 last\n", "ok");
        CHECK(run.run_id == "last");
        CHECK(run.queries.at("1").at(0).score == doctest::Approx(-0.002));
        CHECK(input_error([] { ev::read_run("/nonexistent/run.txt"); }) == "cannot open file");
    }

    TEST_CASE("write_run: trec_eval's order, strictly decreasing scores, reads back the same") {
        ev::Run run;
        run.queries["7"] = {{"a", 1.0}, {"10", 5.0}, {"9", 5.0}, {"b", 1.0}, {"c", 0.5}};
        // Distinct doubles that round to the same float must not become a tie either.
        run.queries["8"] = {{"x", 1.0}, {"y", 1.0 + 1e-12}};
        std::ostringstream out;
        ev::write_run(out, run, "dossier");
        auto back = ev::parse_run(out.str(), "written");
        CHECK(back.run_id == "dossier");

        std::vector<std::string> lines;
        std::istringstream in(out.str());
        for (std::string line; std::getline(in, line);) lines.push_back(line);
        REQUIRE(lines.size() == 7);
        CHECK(lines[0].rfind("7 Q0 9 1 5 dossier", 0) == 0);
        CHECK(lines[1].rfind("7 Q0 10 2 ", 0) == 0);
        CHECK(lines[2].rfind("7 Q0 b 3 1 dossier", 0) == 0);
        CHECK(lines[3].rfind("7 Q0 a 4 ", 0) == 0);
        CHECK(lines[5].rfind("8 Q0 y 1 1 dossier", 0) == 0);
        CHECK(lines[6].rfind("8 Q0 x 2 ", 0) == 0);

        for (const auto& [qid, entries] : back.queries) {
            CAPTURE(qid);
            for (std::size_t i = 1; i < entries.size(); ++i) {
                // Strict in single precision too, so trec_eval 9 cannot re-sort a tie.
                CHECK(static_cast<float>(entries[i].score) <
                      static_cast<float>(entries[i - 1].score));
            }
            auto original = ev::ranked(run.queries.at(qid));
            auto reread = ev::ranked(entries);
            REQUIRE(original.size() == reread.size());
            for (std::size_t i = 0; i < original.size(); ++i) {
                CHECK(original[i].docno == reread[i].docno);
            }
        }

        ev::Run dup;
        dup.queries["1"] = {{"a", 1.0}, {"a", 2.0}};
        std::ostringstream sink;
        CHECK_THROWS_AS(ev::write_run(sink, dup, "x"), std::invalid_argument);
        CHECK_THROWS_AS(ev::write_run(sink, run, "two words"), std::invalid_argument);
    }

    TEST_CASE("topics: TSV") {
        auto topics = ev::parse_topics(
            "# judged queries\n1\tSouth Korea  deterrence\r\n\n 2 \tNATO allies\n", "t.tsv");
        REQUIRE(topics.size() == 2);
        CHECK(topics[0].id == "1");
        CHECK(topics[0].query == "South Korea deterrence");
        CHECK(topics[1].id == "2");
        CHECK(topics[1].query == "NATO allies");

        CHECK(input_error([] { ev::parse_topics("1\tok\n2 no tab\n", "t"); }).rfind("line 2:", 0) ==
              0);
        CHECK(input_error([] { ev::parse_topics("1\tok\n1\tagain\n", "t"); }) ==
              "line 2: query 1 listed twice");
        CHECK(input_error([] { ev::parse_topics("1\t  \n", "t"); }) ==
              "line 1: query 1 has no text");
    }

    TEST_CASE("topics: TREC <top> format") {
        constexpr std::string_view text =
            "<top>\n"
            "<num> Number: 401\n"
            "<title> alliance burden\n  sharing\n\n"
            "<desc> Description:\nWhich allies pay\nmore?\n\n"
            "<narr> Narrative:\nA relevant document names a country.\n"
            "</top>\n\n"
            "<top>\n<num>402</num>\n<title>Topic: missile defense</title>\n</top>\n";
        auto topics = ev::parse_topics(text, "t.trec");
        REQUIRE(topics.size() == 2);
        CHECK(topics[0].id == "401");
        CHECK(topics[0].query == "alliance burden sharing");
        CHECK(topics[0].description == "Which allies pay more?");
        CHECK(topics[0].narrative == "A relevant document names a country.");
        CHECK(topics[1].id == "402");
        CHECK(topics[1].query == "missile defense");

        CHECK(input_error([] { ev::parse_topics("<top>\n<title> x\n</top>\n", "t"); }) ==
              "line 1: topic without <num>");
        CHECK(input_error([] { ev::parse_topics("<top>\n<num> 1\n<title> x\n", "t"); }) ==
              "line 1: <top> without </top>");
        CHECK(input_error([] { ev::parse_topics("<top><num>1<title>x</top>\nstray\n", "t"); }) ==
              "line 2: text outside <top> ... </top>");
    }

    TEST_CASE("report JSON round trip and text forms") {
        auto report =
            ev::evaluate(ev::parse_qrels(small_qrels, "q"), ev::parse_run(small_run, "r"));
        auto j = ev::to_json(report);
        CHECK(j.at("metrics").size() == 5);
        CHECK(j.at("metrics").contains("P_10"));
        CHECK(j.at("per_query").at("q1").at("recip_rank").get<double>() == 0.5);
        auto back = ev::report_from_json(nlohmann::json::parse(j.dump()), "saved.json");
        CHECK(back.per_query.size() == 2);
        for (auto m : ev::all_measures) {
            CHECK(back.overall.get(m) == report.overall.get(m));  // exact: full precision saved
        }

        nlohmann::json broken = j;
        broken["metrics"].erase("map");
        CHECK(input_error([&] { ev::report_from_json(broken, "b.json"); }) ==
              "metrics: missing number \"map\"");

        std::string text = ev::format_text(report);
        CHECK(text.find("q1") != std::string::npos);
        CHECK(text.find("all") != std::string::npos);
        CHECK(text.find("0.5000") != std::string::npos);
        CHECK(ev::format_text(report, false).find("q1") == std::string::npos);

        std::string trec = ev::format_trec(report);
        CHECK(trec.rfind("map                   \tq1\t0.3333\n", 0) == 0);
        CHECK(trec.find("recip_rank            \tall\t0.2500\n") != std::string::npos);
    }

    TEST_CASE("baseline comparison: deltas worst first, drop beyond tolerance") {
        ev::Report before;
        before.per_query["a"] = {0.5, 0.5, 0.5, 0.5, 0.5};
        before.per_query["b"] = {0.5, 0.5, 0.5, 0.5, 0.5};
        before.per_query["gone"] = {0.2, 0.2, 0.2, 0.2, 0.2};
        before.overall = {0.4, 0.4, 0.4, 0.4, 0.4};
        ev::Report after;
        after.per_query["a"] = {0.6, 0.7, 0.5, 0.5, 0.5};    // better
        after.per_query["b"] = {0.45, 0.25, 0.5, 0.5, 0.5};  // worse
        after.per_query["new"] = {1, 1, 1, 1, 1};
        after.overall = {0.39, 0.41, 0.4, 0.4, 0.35};

        auto c = ev::compare(ev::to_json(before), after, 0.02);
        REQUIRE(c.queries.size() == 4);
        CHECK(c.queries[0].qid == "b");     // ndcg -0.25
        CHECK(c.queries[1].qid == "gone");  // counts as 0 now: ndcg -0.2
        CHECK(c.queries[0].delta.ndcg_cut_10 == doctest::Approx(-0.25));
        CHECK(c.queries[1].delta.ndcg_cut_10 == doctest::Approx(-0.2));
        CHECK_FALSE(c.queries[1].after);
        CHECK(c.queries[3].qid == "new");
        CHECK_FALSE(c.queries[3].before);
        // map dropped by 0.01 (within tolerance), recip_rank by 0.05 (beyond).
        REQUIRE(c.dropped.size() == 1);
        CHECK(c.dropped[0] == ev::Measure::recip_rank);
        CHECK(c.regressed());
        CHECK(c.delta.map == doctest::Approx(-0.01));

        CHECK_FALSE(ev::compare(before, after, 0.06).regressed());
        CHECK_FALSE(ev::compare(before, before, 0.0).regressed());

        std::string text = ev::format_comparison(c);
        CHECK(text.find("REGRESSION: recip_rank") != std::string::npos);
        CHECK(text.find("(new query)") != std::string::npos);
        CHECK(text.find("(missing from current run)") != std::string::npos);
        auto j = ev::to_json(c);
        CHECK(j.at("regressed") == true);
        CHECK(j.at("per_query").at(0).at("qid") == "b");
        CHECK(j.at("per_query").at(1).at("after").is_null());
    }

    TEST_CASE("snapshots: added, dropped and moved ids per query") {
        ev::Snapshot old_s = {{"1", {"a", "b", "c"}}, {"2", {"x"}}, {"3", {"p"}}};
        ev::Snapshot new_s = {{"1", {"b", "a", "d"}}, {"2", {"x"}}, {"4", {"q"}}};
        auto diffs = ev::compare_snapshots(old_s, new_s);
        REQUIRE(diffs.size() == 4);
        CHECK(diffs[0].qid == "1");
        CHECK(diffs[0].added == std::vector<std::string>{"d"});
        CHECK(diffs[0].dropped == std::vector<std::string>{"c"});
        REQUIRE(diffs[0].moved.size() == 2);
        CHECK(diffs[0].moved[0].id == "b");
        CHECK(diffs[0].moved[0].from == 2);
        CHECK(diffs[0].moved[0].to == 1);
        CHECK_FALSE(diffs[1].changed());
        CHECK(diffs[2].dropped == std::vector<std::string>{"p"});
        CHECK(diffs[3].added == std::vector<std::string>{"q"});

        CHECK(ev::format_snapshot_diff(diffs).find("1: +d -c ~b 2->1 ~a 1->2\n") == 0);
        CHECK(ev::format_snapshot_diff(ev::compare_snapshots(old_s, old_s)) ==
              "no changes (3 queries)\n");
        CHECK(ev::to_json(diffs).at("changed") == 3);

        auto back = ev::snapshot_from_json(
            nlohmann::json::parse(ev::snapshot_to_json(old_s).dump()), "s.json");
        CHECK(back == old_s);
        CHECK(input_error([] {
                  ev::snapshot_from_json(nlohmann::json::parse(R"({"1": ["a", "a"]})"), "s");
              }) == "query 1: id a listed twice");
        CHECK_FALSE(input_error([] {
                        ev::snapshot_from_json(nlohmann::json::parse(R"({"1": "a"})"), "s");
                    }).empty());

        auto run = ev::parse_run("1 Q0 a 1 1 x\n1 Q0 b 2 3 x\n1 Q0 c 3 2 x\n", "r");
        CHECK(ev::make_snapshot(run, 2).at("1") == std::vector<std::string>{"b", "c"});
    }

    TEST_CASE("trec_eval 10.0 values: cacm and med") {
        if (!fs::exists(trec_dir / "expected.json")) {
            MESSAGE("SKIPPED: " << trec_dir.string() << " not found");
            return;
        }
        auto expected = load_expected();
        for (std::string name : {"cacm", "med"}) {
            CAPTURE(name);
            const auto& c = expected.at("cases").at(name);
            auto qrels = ev::read_qrels((trec_dir / c.at("qrels").get<std::string>()).string());
            auto run = ev::read_run((trec_dir / c.at("run").get<std::string>()).string());
            auto report = ev::evaluate(qrels, run);
            CHECK(report.per_query.size() == c.at("num_queries").get<std::size_t>());
            check_against(report, c);
            // Every qrels query is in the run, so -c and the trec_eval 10 mode agree.
            check_against(ev::evaluate(qrels, run, {ev::MissingQueries::fail}), c);
        }
    }

    TEST_CASE("trec_eval 10.0 values: tricky case with and without -c") {
        if (!fs::exists(trec_dir / "expected.json")) {
            MESSAGE("SKIPPED: " << trec_dir.string() << " not found");
            return;
        }
        auto expected = load_expected();
        const auto& c = expected.at("cases").at("tricky");
        auto qrels = ev::read_qrels((trec_dir / c.at("qrels").get<std::string>()).string());
        auto run = ev::read_run((trec_dir / c.at("run").get<std::string>()).string());

        // The order trec_eval evaluates, recorded beside the values.
        for (const auto& [qid, order] : c.at("evaluated_order").items()) {
            CAPTURE(qid);
            std::vector<std::string> ours;
            for (const auto& e : ev::ranked(run.queries.at(qid))) ours.push_back(e.docno);
            CHECK(ours == order.get<std::vector<std::string>>());
        }

        SUBCASE("-c: missing query 103 scores 0 and counts") {
            auto report = ev::evaluate(qrels, run, {ev::MissingQueries::zero});
            CHECK(report.per_query.size() == c.at("with_c").at("num_queries").get<std::size_t>());
            check_against(report, c.at("with_c"));
        }
        SUBCASE("default: trec_eval 9 averages over the queries in both files") {
            auto report = ev::evaluate(qrels, run);
            check_against(report, c.at("trec_eval_9_without_c"));
        }
        SUBCASE("fail: trec_eval 10 refuses the run, naming query 103") {
            std::string reason =
                input_error([&] { ev::evaluate(qrels, run, {ev::MissingQueries::fail}); });
            CHECK(reason.find("query 103") != std::string::npos);
            // The queries trec_eval 10 printed before stopping have the same values.
            auto report = ev::evaluate(qrels, run);
            for (const auto& [qid, values] : c.at("without_c").at("per_query").items()) {
                CAPTURE(qid);
                for (const auto& [name, value] : values.items()) {
                    CHECK(four(report.per_query.at(qid).get(*ev::measure_from_name(name))) ==
                          value.get<std::string>());
                }
            }
        }
    }

    TEST_CASE("format_trec matches trec_eval's layout on the shared cacm run") {
        if (!fs::exists(trec_dir / "cacm" / "qrels.txt")) {
            MESSAGE("SKIPPED: " << trec_dir.string() << " not found");
            return;
        }
        auto report = ev::evaluate(ev::read_qrels((trec_dir / "cacm/qrels.txt").string()),
                                   ev::read_run((trec_dir / "cacm/run.xapian_bm25.txt").string()));
        std::string trec = ev::format_trec(report);
        CHECK(trec.find("map                   \tall\t0.3169\n") != std::string::npos);
        CHECK(trec.find("ndcg_cut_10           \tall\t0.4532\n") != std::string::npos);
    }
}
